using System.Text;
using System.Text.Json;
using HotSpots.Testing;

namespace HotSpots.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Store => $"--HotSpots:Store:Sqlite:Path={_dir.File("cli.db")}";

    private string Csv()
    {
        var path = _dir.File("2018-02-sample.csv");
        File.WriteAllLines(path,
        [
            "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context",
            "aa1,2018-02,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Robbery,,",
            ",2018-02,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Anti-social behaviour,,",
            ",2018-02,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Anti-social behaviour,,",
            "aa2,2018-02,Essex Police,Essex Police,0.9,51.9,On or near Head Street,E01021999,Colchester 001A,Drugs,,",
            "aa3,2018-02,Essex Police,Essex Police,,,No Location,,,Drugs,,",
            "aa4,Feb 2018,Essex Police,Essex Police,0.3217,51.4757,On or near Station Approach,E01015908,Thurrock 016A,Drugs,,",
        ]);
        return path;
    }

    private static Task<(int Code, string Out, string Error)> RunAsync(params string[] args) => ToolRun.RunAsync(args);

    [Fact]
    public async Task Import_writes_a_summary_and_a_JSON_report_with_line_numbered_problems()
    {
        var report = _dir.File("report.json");

        var (code, output, _) = await RunAsync("import", "police-uk", Csv(), "--report", report, Store);

        Assert.Equal(0, code);
        Assert.Contains("imported 3", output);
        var json = JsonDocument.Parse(File.ReadAllText(report)).RootElement;
        Assert.Equal(3, json.GetProperty("imported").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, json.GetProperty("unlocated").GetInt32());
        Assert.Equal(1, json.GetProperty("outsideArea").GetInt32());
        var malformed = Assert.Single(json.GetProperty("malformed").EnumerateArray());
        Assert.Equal(7, malformed.GetProperty("line").GetInt32());
        Assert.Contains("Feb 2018", malformed.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Importing_the_same_file_again_imports_nothing_new()
    {
        var csv = Csv();
        await RunAsync("import", "police-uk", csv, Store);
        var report = _dir.File("again.json");

        await RunAsync("import", "police-uk", csv, "--report", report, Store);

        var json = JsonDocument.Parse(File.ReadAllText(report)).RootElement;
        Assert.Equal(0, json.GetProperty("imported").GetInt32());
        Assert.Equal(3, json.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Configured_ward_files_are_used_and_a_bad_one_is_named()
    {
        var (code, output, _) = await RunAsync("import", "police-uk", SharedData.PoliceUk("2018-01"), Store,
            $"--HotSpots:Geography:Wards:Files:0={SharedData.ThurrockWards}");
        Assert.Equal(0, code);
        Assert.DoesNotContain("demo wards", output);

        var (badCode, _, error) = await RunAsync("import", "police-uk", Csv(), Store, "--HotSpots:Geography:Wards:Files:0=/missing/wards.geojson");
        Assert.Equal(1, badCode);
        Assert.Contains("/missing/wards.geojson", error);
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "import", "shoplifting", "x.csv" }, 2)]
    [InlineData(new[] { "import", "police-uk" }, 2)]
    [InlineData(new[] { "import", "police-uk", "x.csv", "--speed", "9" }, 2)]
    [InlineData(new[] { "import", "police-uk", "x.csv", "--source", "essex" }, 2)]
    [InlineData(new[] { "import", "fire", "x.csv", "--server", "http://localhost:1" }, 2)]
    [InlineData(new[] { "replay", "--duration", "soon" }, 2)]
    [InlineData(new[] { "drill" }, 2)]
    [InlineData(new[] { "launch" }, 2)]
    public async Task Usage_mistakes_print_the_usage_and_exit_with_2(string[] args, int expected)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(expected, code);
        Assert.Matches(@"Usage:\s+hotspots", output + error);
    }

    [Fact]
    public async Task A_usage_mistake_goes_to_standard_error_with_the_reason_then_the_command_s_help()
    {
        var (code, output, error) = await RunAsync("replay", "--duration", "soon");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("--duration 'soon' is not a duration such as 90s, 5m or 1h", error);
        Assert.Contains("hotspots replay [<format> [<files>...]] [options]", error);
    }

    [Fact]
    public async Task The_built_tool_answers_help_with_every_command_and_the_exit_codes()
    {
        using var quiet = new StringWriter();
        var commands = CommandLine.Create(new Tool(quiet, quiet, [])).Subcommands.Select(c => c.Name).ToList();

        var (code, output, _) = await ToolRun.RunBuiltAsync("--help");

        Assert.Equal(0, code);
        Assert.NotEmpty(commands);
        Assert.All(commands, name => Assert.Matches($@"(?m)^  {name}\b", output));
        Assert.Contains("Exit codes:", output);
    }

    [Fact]
    public async Task Output_that_is_not_a_terminal_has_no_escape_codes_and_a_table_row_on_one_line()
    {
        var (code, output, _) = await RunAsync("import", "police-uk", Csv(), Store);
        var (listed, list, _) = await RunAsync("drill", "--list");

        Assert.Equal((0, 0), (code, listed));
        Assert.DoesNotContain('\u001b', output + list);
        // The malformed rows table: file, line and problem on one line, as grep and logs want it.
        Assert.Matches(@"2018-02-sample\.csv\W+7\W+[^\n]*Feb 2018", output);
        Assert.Matches(@"tilbury-fires\W+6\W+3 h\W+Tilbury St Chads\W+deliberate-secondary-fire", list);
    }

    [Theory]
    [InlineData("import", "police-uk|fire|council")]
    [InlineData("replay", "--duration")]
    [InlineData("drill", "--list")]
    public async Task Every_command_explains_itself_with_help(string command, string expected)
    {
        var (code, output, _) = await RunAsync(command, "--help");
        var (helpCode, helpOutput, _) = await RunAsync("help", command);

        Assert.Equal((0, 0), (code, helpCode));
        Assert.Contains(expected.Split('|')[0], output);
        Assert.Equal(output, helpOutput);
    }

    [Fact]
    public async Task A_missing_file_is_reported_and_the_exit_code_says_so()
    {
        var (code, output, _) = await RunAsync("import", "police-uk", _dir.File("nope.csv"), Store);

        Assert.Equal(1, code);
        Assert.Contains("does not exist", output);
    }

    [Theory]
    [InlineData("wrong header", "Name,Address\nJo,1 High St\n")]
    [InlineData("UTF-16", "UTF16:Month,Longitude,Latitude\n")]
    [InlineData("empty", "")]
    public async Task A_file_refused_outright_makes_the_exit_code_1_and_is_named(string what, string content)
    {
        var file = _dir.File($"{what.Replace(' ', '-')}.csv");
        if (content.StartsWith("UTF16:", StringComparison.Ordinal)) await File.WriteAllTextAsync(file, content[6..], new UnicodeEncoding(false, true));
        else await File.WriteAllTextAsync(file, content);

        var (code, _, error) = await RunAsync("import", "police-uk", file, Store);

        Assert.Equal(1, code);
        Assert.Contains($"1 file(s) refused outright, none of their rows read: {Path.GetFileName(file)}", error);
    }

    public void Dispose() => _dir.Dispose();
}
