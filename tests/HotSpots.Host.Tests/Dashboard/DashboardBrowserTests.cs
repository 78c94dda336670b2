using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HotSpots.Application.Areas;
using HotSpots.Application.Imports;
using HotSpots.Application.Monitoring;
using HotSpots.Geography;
using HotSpots.Geography.Demo;
using HotSpots.Host.Tests.Infrastructure;
using HotSpots.Store;
using HotSpots.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotSpots.Host.Tests.Dashboard;

/// <summary>The dashboard in headless Chromium (playwright-core), against the real server on a real port.</summary>
public sealed class DashboardBrowserTests : ServerTests
{
    public static string Screenshots => Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "tests", "TestResults", "screenshots")).FullName;

    [Fact]
    public async Task A_tasking_meeting_signs_in_sees_every_ward_coloured_as_the_api_says_with_names_that_do_not_overlap_works_alerts_drill_down_export_and_print_and_looks_back_at_resolved_alerts()
    {
        await SeedAsync();
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/tasking-meeting.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'),
            password = HotSpotsServer.Password,
            analyst = HotSpotsServer.AnalystUser,
            viewer = HotSpotsServer.ViewerUser,
            ingestKey = HotSpotsServer.IngestKey,
            adminKey = HotSpotsServer.AdminKey,
            wards = 20,
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        var firstVisit = result.GetProperty("firstVisit");
        Assert.Equal("", firstVisit.GetProperty("message").GetString());
        Assert.False(firstVisit.GetProperty("mainShown").GetBoolean());
        Assert.False(firstVisit.GetProperty("controlsShown").GetBoolean());
        Assert.Equal($"{HotSpotsServer.AnalystUser} (analyst)", result.GetProperty("who").GetString());
        Assert.StartsWith("All incidents, last 24 hours: 6 observed (6 of them DRILL incidents, not in the table or charts below)", result.GetProperty("drillSummary").GetString());
        Assert.Equal(20, result.GetProperty("wards").GetInt32());
        Assert.Equal(3, result.GetProperty("zoneOutlines").GetInt32());
        foreach (var labels in new[] { result.GetProperty("labels"), result.GetProperty("meetingLabels") })
        {
            Assert.Empty(labels.GetProperty("overlaps").EnumerateArray());
            Assert.InRange(labels.GetProperty("shown").GetArrayLength(), 12, 20);
            Assert.Equal(20, labels.GetProperty("shown").GetArrayLength() + labels.GetProperty("hidden").GetInt32());
        }
        // Placed hottest first: the wards a meeting looks at keep their names.
        Assert.Contains("Ockendon", result.GetProperty("meetingLabels").GetProperty("shown").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("Grays Riverside", result.GetProperty("meetingLabels").GetProperty("shown").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(5, result.GetProperty("selections").GetArrayLength());
        Assert.Contains(result.GetProperty("selections").EnumerateArray(), s => s.GetProperty("colours").GetInt32() > 1);
        Assert.InRange(result.GetProperty("pulsedAfterMs").GetInt32(), 0, 1000);
        Assert.Contains("Tilbury", result.GetProperty("alert").GetString());
        Assert.Equal(0, result.GetProperty("viewerHasActions").GetInt32());
        Assert.Equal($"Acknowledged by {HotSpotsServer.AnalystUser}: “Drill seen: fire crew briefed”", result.GetProperty("acknowledgedSeenBySecond").GetString());
        var drillAfterReload = result.GetProperty("drillAfterReload");
        Assert.False(drillAfterReload.GetProperty("banner").GetBoolean());
        Assert.Equal(1, drillAfterReload.GetProperty("marked").GetInt32());
        Assert.Equal(0, drillAfterReload.GetProperty("realMarked").GetInt32());
        Assert.Equal("DRILL", drillAfterReload.GetProperty("badge").GetString());
        Assert.StartsWith("DRILL (training, not real incidents): ", drillAfterReload.GetProperty("explanation").GetString());
        Assert.True(result.GetProperty("printMarksDrill").GetBoolean());
        var drillDown = result.GetProperty("drillDown");
        Assert.Equal("Grays Riverside", drillDown.GetProperty("title").GetString());
        Assert.True(drillDown.GetProperty("categories").GetInt32() >= 1);
        Assert.Equal(28, drillDown.GetProperty("dailyBars").GetInt32());
        Assert.Equal(12, drillDown.GetProperty("monthlyBars").GetInt32());
        Assert.Equal(["On or near Grays station: 4"], drillDown.GetProperty("locations").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Grays Riverside", result.GetProperty("keyboardOpened").GetString());
        Assert.Equal(20, result.GetProperty("csv").GetProperty("rows").GetInt32());
        var csvFirst = result.GetProperty("csv").GetProperty("first").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal("area_code", result.GetProperty("csv").GetProperty("header")[0].GetString());
        Assert.Matches("^E050022\\d\\d$", csvFirst[0]);
        Assert.Equal(["asb", "24h"], csvFirst[2..4]);
        Assert.Equal(TimeSpan.FromHours(24), DateTimeOffset.Parse(csvFirst[5]) - DateTimeOffset.Parse(csvFirst[4]));
        Assert.False(result.GetProperty("csv").GetProperty("minus").GetBoolean());
        Assert.StartsWith("hotspots-wards-asb-24h-", result.GetProperty("csv").GetProperty("file").GetString());
        Assert.StartsWith("As at ", result.GetProperty("asAt").GetString());
        Assert.Equal(3, result.GetProperty("zones").GetInt32());
        Assert.Equal(10, result.GetProperty("meetingRows").GetInt32());
        Assert.True(result.GetProperty("actionsInPage").GetInt32() > 0, "the analyst's alert buttons are in the page, only hidden");
        Assert.Equal(0, result.GetProperty("meetingActions").GetInt32());
        Assert.True(result.GetProperty("printHidesControls").GetBoolean());
        var resolved = result.GetProperty("resolvedAfterReload");
        Assert.Matches($"^Resolved by {HotSpotsServer.AnalystUser} on .+: “Drill over”$", resolved.GetProperty("handled").GetString());
        Assert.Equal(0, resolved.GetProperty("actions").GetInt32());
        Assert.Equal(0, resolved.GetProperty("open").GetInt32());
        Assert.Equal(401, result.GetProperty("afterSignOut").GetInt32());
        Assert.True(File.Exists(Path.Combine(Screenshots, "dashboard.png")));
    }

    [Fact]
    public async Task A_page_on_another_port_cannot_resolve_an_alert_as_the_signed_in_analyst_and_the_dashboard_still_can()
    {
        await using var watcher = await HeatClient.ConnectAsync(Server.BaseAddress, HotSpotsServer.ViewerKey);
        Assert.Equal(HttpStatusCode.Created, (await Server.Admin().PostAsJsonAsync("/api/drills", new { scenario = "tilbury-fires" })).StatusCode);
        var (_, raised) = await watcher.NextAlertAsync(a => a.Event == "AlertRaised", TimeSpan.FromSeconds(10));
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/forgery.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'),
            password = HotSpotsServer.Password,
            analyst = HotSpotsServer.AnalystUser,
            alertId = raised.Id,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal("open", result.GetProperty("before").GetString());
        Assert.Equal("open", result.GetProperty("afterForgery").GetString());
        Assert.Equal("acknowledged", result.GetProperty("afterDashboard").GetString());
    }

    [Fact]
    public async Task The_page_recovers_by_itself_when_the_server_restarts()
    {
        using var dir = new TempDirectory();
        var port = FreePort();
        string[] settings =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--HotSpots:Store:Sqlite:Path={dir.File("hotspots.db")}",
            "--HotSpots:Demo:Feed=false",
            $"--HotSpots:Security:IngestKeys:0={HotSpotsServer.IngestKey}",
            $"--HotSpots:Security:Users:0:Name={HotSpotsServer.AnalystUser}",
            $"--HotSpots:Security:Users:0:PasswordHash={HotSpotsServer.QuickHash}",
            "--HotSpots:Security:Users:0:Role=analyst",
        ];
        var host = await HostProcess.StartAsync(settings);
        try
        {
            var info = NodeInfo("tests/browser/restart.mjs", Settings(dir, new
            {
                @base = host.BaseAddress.ToString().TrimEnd('/'),
                password = HotSpotsServer.Password,
                analyst = HotSpotsServer.AnalystUser,
                ingestKey = HotSpotsServer.IngestKey,
            }));
            using var node = new Process { StartInfo = info };
            var output = new StringBuilder();
            var awaitingRestart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node.OutputDataReceived += (_, e) =>
            {
                lock (output) output.AppendLine(e.Data);
                if (e.Data == """{"await":"restart"}""") awaitingRestart.TrySetResult();
            };
            node.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            node.Start();
            node.BeginOutputReadLine();
            node.BeginErrorReadLine();
            var exited = node.WaitForExitAsync();
            Assert.True(await Task.WhenAny(awaitingRestart.Task, exited).WaitAsync(TimeSpan.FromSeconds(60)) == awaitingRestart.Task, Text(output));

            await host.KillAsync();
            await host.DisposeAsync();
            host = await HostProcess.StartAsync(settings);

            await exited.WaitAsync(TimeSpan.FromSeconds(90));
            var rest = Text(output);
            Assert.True(node.ExitCode == 0, rest);
            var result = LastJson(rest);
            var states = result.GetProperty("states").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("connecting", states);
            Assert.Equal("live", states[^1]);
            Assert.False(result.GetProperty("signInShown").GetBoolean());
            Assert.Equal(1, result.GetProperty("navigations").GetInt32());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task All_304_Essex_wards_from_the_shared_boundaries_are_drawn_in_the_colours_the_api_gives_the_map_opens_on_Thurrock_with_a_way_to_see_all_and_Show_all_is_not_cut_off()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < SharedData.EssexWardFiles.Count; i++) settings[$"HotSpots:Geography:Wards:Files:{i}"] = SharedData.EssexWardFiles[i];
        await using var essex = new HotSpotsServer(settings);
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/all-wards.mjs", Settings(dir, new
        {
            @base = essex.BaseAddress.ToString().TrimEnd('/'),
            user = HotSpotsServer.ViewerUser,
            password = HotSpotsServer.Password,
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal(304, result.GetProperty("wards").GetInt32());
        var home = result.GetProperty("home");
        Assert.Equal("Thurrock", home.GetProperty("name").GetString());
        Assert.Equal(20, home.GetProperty("wards").GetInt32());
        Assert.InRange(home.GetProperty("opened").GetInt32(), 90, 100);
        Assert.Equal("Zoom out to all 304 areas", home.GetProperty("button").GetString());
        Assert.InRange(home.GetProperty("all").GetInt32(), 1, 40);
        Assert.Equal("Zoom to Thurrock", home.GetProperty("back").GetString());
        Assert.Equal(home.GetProperty("opened").GetInt32(), home.GetProperty("again").GetInt32());
        Assert.Equal(25, result.GetProperty("rowsShown").GetInt32());
        Assert.Empty(result.GetProperty("showAll").GetProperty("clippedBy").EnumerateArray());
        Assert.False(result.GetProperty("showAll").GetProperty("innerScroll").GetBoolean());
        Assert.Equal(304, result.GetProperty("rows").GetInt32());
        Assert.All(result.GetProperty("checked").EnumerateArray(), c => Assert.Equal(304, c.GetProperty("areas").GetInt32()));
    }

    [Fact]
    public async Task Imported_police_uk_months_open_on_the_latest_month_with_a_reason_and_a_chosen_month_carries_to_ranking_drill_down_export_and_print()
    {
        await using var thurrock = new HotSpotsServer(new Dictionary<string, string?> { ["HotSpots:Geography:Wards:Files:0"] = SharedData.ThurrockWards });
        var store = thurrock.Services.GetRequiredService<IIncidentStore>();
        var importer = new IncidentImporter(
            new StoreSink(store), new ImportContext(LabelMappings.Load(), thurrock.Services.GetRequiredService<ICurrentGeography>().Geography.Wards.Index));
        var april = (await importer.ImportAsync(new PoliceUkFormat(), [SharedData.PoliceUk("2018-04")])).Imported;
        await importer.ImportAsync(new PoliceUkFormat(), [SharedData.PoliceUk("2018-01"), SharedData.PoliceUk("2018-02"), SharedData.PoliceUk("2018-03")]);
        await thurrock.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(await store.CountAsync()).WaitAsync(TimeSpan.FromSeconds(30));
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/police-uk-months.mjs", Settings(dir, new
        {
            @base = thurrock.BaseAddress.ToString().TrimEnd('/'),
            user = HotSpotsServer.ViewerUser,
            password = HotSpotsServer.Password,
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        var opened = result.GetProperty("opened");
        Assert.Equal("wards|all|month|2018-04", opened.GetProperty("selection").GetString());
        Assert.Equal("2018-04", opened.GetProperty("month").GetString());
        Assert.True(opened.GetProperty("pickerShown").GetBoolean());
        Assert.StartsWith("Nothing in the last 28 days, so this shows April 2018, the latest month with data. Month: every incident", opened.GetProperty("note").GetString());
        Assert.True(april > 1_000, $"{april} April rows imported");
        Assert.Equal(april, result.GetProperty("aprilObserved").GetInt32());
        Assert.NotEqual("0", result.GetProperty("aprilFirstRow")[1].GetString());
        Assert.Empty(result.GetProperty("clipped").EnumerateArray());
        Assert.Empty(result.GetProperty("clippedInMeeting").EnumerateArray());
        var top = result.GetProperty("februaryTop");
        var observed = top.GetProperty("observed").GetInt32();
        Assert.Equal(top.GetProperty("name").GetString(), result.GetProperty("februaryFirstRow")[0].GetString());
        Assert.Equal(observed.ToString(), result.GetProperty("februaryFirstRow")[1].GetString());
        var drillDown = result.GetProperty("drillDown");
        Assert.StartsWith($"All incidents, February 2018: {observed} observed", drillDown.GetProperty("summary").GetString());
        Assert.Equal(observed, drillDown.GetProperty("categories").GetInt32());
        Assert.Equal("All incidents per month, 12 months to February 2018", drillDown.GetProperty("monthlyTitle").GetString());
        Assert.Equal($"Feb 18: {observed}", drillDown.GetProperty("lastMonthBar").GetString());
        Assert.Equal("12 months to February 2018", drillDown.GetProperty("locationsWhen").GetString());
        Assert.StartsWith("hotspots-wards-all-2018-02-", result.GetProperty("csvFile").GetString());
        Assert.StartsWith("All incidents, February 2018, by ward", result.GetProperty("printSummary").GetString());
        Assert.StartsWith("Last 7 days: incidents with a time or a date", result.GetProperty("weekNote").GetString());
        Assert.False(result.GetProperty("pickerShownFor7d").GetBoolean());
    }

    [Fact]
    public async Task A_new_store_shows_no_baseline_yet_rather_than_very_unusual_on_map_ranking_legend_and_drill_down()
    {
        var geography = Server.Services.GetRequiredService<ICurrentGeography>().Geography;
        var grays = geography.Wards.Areas.Single(a => a.Name == "Grays Riverside");
        var sampler = new AreaSampler(grays);
        var random = new Random(8);
        var items = Enumerable.Range(0, 5).Select(i =>
        {
            var (lat, lon) = sampler.Next(random);
            return HotSpotsServer.Incident($"new-{i}", lat: lat, lon: lon, at: DateTimeOffset.UtcNow.AddMinutes(-10 - i));
        }).ToList();
        (await Server.Ingest().PostAsJsonAsync("/api/incidents", items)).EnsureSuccessStatusCode();
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(items.Count).WaitAsync(TimeSpan.FromSeconds(10));
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/no-baseline.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'),
            user = HotSpotsServer.ViewerUser,
            password = HotSpotsServer.Password,
            ward = grays.Code,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        var api = result.GetProperty("api");
        Assert.Equal(5, api.GetProperty("observed").GetInt32());
        Assert.True(api.GetProperty("score").GetDouble() > 3, "the score alone would read very unusual");
        Assert.False(api.GetProperty("hasBaseline").GetBoolean());
        Assert.Equal("#bdbdbd", result.GetProperty("fill").GetString());
        Assert.Equal("Grays Riverside: 5 observed, about 0.0 expected, no baseline yet", result.GetProperty("ariaLabel").GetString());
        Assert.Equal("no baseline yet", result.GetProperty("legend").EnumerateArray().Last().GetString());
        Assert.Equal(0, result.GetProperty("veryUnusual").GetInt32());
        Assert.Equal("no baseline yet", result.GetProperty("lastRow")[4].GetString());
        Assert.Equal("0", result.GetProperty("alerts").GetString());
        Assert.EndsWith("5 observed against about 0.0 expected, no baseline yet.", result.GetProperty("summary").GetString());
        Assert.All(result.GetProperty("categoryHeat").EnumerateArray(), c => Assert.Equal("no baseline yet", c.GetString()));
    }

    [Fact]
    public async Task The_wall_screen_keeps_its_page_the_same_size_over_a_long_busy_feed_on_all_of_Essex_and_zones_keep_their_names()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < SharedData.EssexWardFiles.Count; i++) settings[$"HotSpots:Geography:Wards:Files:{i}"] = SharedData.EssexWardFiles[i];
        await using var essex = new HotSpotsServer(settings);
        var random = new Random(9);
        var wards = essex.Services.GetRequiredService<ICurrentGeography>().Geography.Wards.Areas;
        var points = wards.Where((_, i) => i % 8 == 0).Select(w => new AreaSampler(w).Next(random)).Select(p => new[] { p.Latitude, p.Longitude }).ToList();
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/long-feed.mjs", Settings(dir, new
        {
            @base = essex.BaseAddress.ToString().TrimEnd('/'),
            user = HotSpotsServer.ViewerUser,
            password = HotSpotsServer.Password,
            ingestKey = HotSpotsServer.IngestKey,
            points,
            seconds = 15,
            perSecond = 5,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        var (before, after) = (result.GetProperty("before"), result.GetProperty("after"));
        Assert.Equal(304, result.GetProperty("wards").GetInt32());
        Assert.Equal(85, result.GetProperty("posted").GetInt32());
        Assert.Equal(16, before.GetProperty("rings").GetInt32());
        Assert.Equal(16, after.GetProperty("rings").GetInt32());
        // Hot labels come and go (at most twelve) and alerts may be raised; a leak adds sixteen rings a second.
        Assert.InRange(after.GetProperty("nodes").GetInt32() - before.GetProperty("nodes").GetInt32(), -40, 40);
        Assert.Equal(["Op Dial: Lakeside and Chafford Hundred station", "Op Grip: Grays town centre", "Op Minerva: Corringham"],
            result.GetProperty("zoneLabels").EnumerateArray().Select(l => l.GetString()).Order());
    }

    [Fact]
    public async Task A_server_on_a_replay_store_made_as_README_says_shows_REPLAY_and_the_period_it_holds_never_live()
    {
        using var dir = new TempDirectory();
        // README's route: a new store file created as a replay store by the server's own settings.
        await using var replay = new HotSpotsServer(new Dictionary<string, string?>
        {
            ["HotSpots:Store:Sqlite:Path"] = dir.File("hotspots-replay.db"),
            ["HotSpots:Store:Sqlite:Purpose"] = "replay",
        });
        using var toolOutput = new StringWriter();
        var code = await HotSpots.Cli.CommandLine.RunAsync(
            ["replay", "council", RepoPaths.Sample("council-asb-cases.csv"), "--speed", "100000000", "--server", replay.BaseAddress.ToString(), "--api-key", HotSpotsServer.IngestKey],
            toolOutput, toolOutput, CancellationToken.None);
        Assert.True(code == 0, toolOutput.ToString());

        var (exitCode, output) = await RunNodeAsync("tests/browser/replay.mjs", Settings(dir, new
        {
            @base = replay.BaseAddress.ToString().TrimEnd('/'),
            user = HotSpotsServer.ViewerUser,
            password = HotSpotsServer.Password,
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        var period = result.GetProperty("status").GetProperty("replay");
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        string Day(string property) => TimeZoneInfo.ConvertTime(period.GetProperty(property).GetDateTimeOffset(), london).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("REPLAY", result.GetProperty("badge").GetString());
        Assert.Contains("replay", result.GetProperty("badgeClass").GetString()!.Split(' '));
        var banner = result.GetProperty("banner").GetString()!;
        Assert.StartsWith("REPLAY: not live data. This server shows replayed incidents only", banner);
        Assert.Matches($"{Regex.Escape(Day("from"))}, \\d\\d:\\d\\d to {Regex.Escape(Day("to"))}, \\d\\d:\\d\\d\\.$", banner);
        Assert.True(period.GetProperty("from").GetDateTimeOffset() < period.GetProperty("to").GetDateTimeOffset());
    }

    [Fact]
    public async Task Printing_fits_every_area_of_Thurrock_and_of_all_Essex_when_shown_inside_the_printed_map_and_lists_every_row()
    {
        var essexSettings = new Dictionary<string, string?>();
        for (var i = 0; i < SharedData.EssexWardFiles.Count; i++) essexSettings[$"HotSpots:Geography:Wards:Files:{i}"] = SharedData.EssexWardFiles[i];
        await using var essex = new HotSpotsServer(essexSettings);
        using var dir = new TempDirectory();

        foreach (var (name, server, wards) in new[] { ("thurrock", Server, 20), ("essex", essex, 304) })
        {
            var (exitCode, output) = await RunNodeAsync("tests/browser/print.mjs", Settings(dir, new
            {
                @base = server.BaseAddress.ToString().TrimEnd('/'),
                user = HotSpotsServer.ViewerUser,
                password = HotSpotsServer.Password,
                name,
                showAll = wards > 20,
                screenshots = Screenshots,
            }));

            Assert.True(exitCode == 0, output);
            var result = LastJson(output);
            var print = result.GetProperty("print");
            Assert.Equal(wards, print.GetProperty("areas").GetInt32());
            Assert.Equal(wards, print.GetProperty("visiblePaths").GetInt32());
            Assert.True(print.GetProperty("outside").GetInt32() == 0, $"{name}: {print}");
            // 268 mm by 120 mm at 96 px an inch, and the areas filling most of one side (zoom steps of a quarter leave up to 16%).
            Assert.Equal(1012.9, print.GetProperty("box").GetProperty("width").GetDouble(), 0);
            Assert.Equal(453.5, print.GetProperty("box").GetProperty("height").GetDouble(), 0);
            Assert.True(Math.Max(print.GetProperty("widthShare").GetDouble(), print.GetProperty("heightShare").GetDouble()) > 0.75, $"{name}: {print}");
            Assert.Equal(wards, result.GetProperty("printRows").GetInt32());
            Assert.Equal(Math.Min(25, wards), result.GetProperty("screenRows").GetInt32());
            Assert.Equal(Math.Min(25, wards), result.GetProperty("afterRows").GetInt32());
            Assert.Equal(0, result.GetProperty("after").GetProperty("outside").GetInt32());
            Assert.True(File.Exists(Path.Combine(Screenshots, $"print-{name}.pdf")));
        }
    }

    [Fact]
    public async Task The_front_end_unit_tests_pass_under_node()
    {
        var (exitCode, output) = await RunNodeAsync("--test", "tests/unit/");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"# pass [1-9]\d*", output);
        Assert.Contains("# fail 0", output);
    }

    [Fact]
    public async Task Operation_leads_see_each_zone_before_and_during_with_the_buffer_drawn_the_WDD_WDQ_table_readings_and_a_chart_with_values_and_an_axis()
    {
        var geography = Server.Services.GetRequiredService<ICurrentGeography>().Geography;
        var random = new Random(6);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var items = new List<object>();
        void Add(double lat, double lon, int daysAgo) => items.Add(new
        {
            source = "essex-police",
            sourceId = $"op-{items.Count}",
            category = "anti-social-behaviour",
            occurredAt = today.AddDays(-daysAgo).ToString("yyyy-MM-dd"),
            latitude = lat,
            longitude = lon,
        });
        for (var i = 0; i < 30; i++) Add(51.4760, 0.3220, 29 + i % 28);
        for (var i = 0; i < 12; i++) Add(51.4762, 0.3218, 1 + i % 28);
        for (var i = 0; i < 8; i++) Add(51.4859, 0.2876, 29 + i);
        for (var i = 0; i < 10; i++) Add(51.4861, 0.2874, 1 + i);
        foreach (var ward in new[] { "Ockendon", "Belhus", "Stifford Clays" })
        {
            var sampler = new AreaSampler(geography.Wards.Areas.Single(a => a.Name == ward));
            for (var i = 0; i < 20; i++) { var (lat, lon) = sampler.Next(random); Add(lat, lon, 29 + i); }
            for (var i = 0; i < 19; i++) { var (lat, lon) = sampler.Next(random); Add(lat, lon, 1 + i); }
        }
        (await Server.Ingest().PostAsJsonAsync("/api/incidents", items)).EnsureSuccessStatusCode();
        var visit = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3).AddHours(19);
        (await Server.Ingest().PostAsJsonAsync("/api/patrols", new[]
        {
            new { zone = "op-grip-grays", start = visit.ToString("O"), end = visit.AddMinutes(25).ToString("O"), officers = 2 },
            new { zone = "op-grip-grays", start = visit.AddDays(1).ToString("O"), end = visit.AddDays(1).AddMinutes(40).ToString("O"), officers = 3 },
        })).EnsureSuccessStatusCode();
        var put = await Server.Admin().PutAsJsonAsync("/api/operations/op-thurrock", new
        {
            name = "Op Grip and Op Dial",
            type = "grip",
            zones = new[] { "op-grip-grays", "op-dial-lakeside" },
            activePeriods = new[] { new { start = today.AddDays(-28).ToString("yyyy-MM-dd"), end = today.AddDays(-1).ToString("yyyy-MM-dd") } },
            targetGroups = new[] { "asb", "all" },
            fundedPatrolHours = 100,
        });
        Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/operations.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'),
            password = HotSpotsServer.Password,
            viewer = HotSpotsServer.ViewerUser,
            operation = "op-thurrock",
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal(2, result.GetProperty("rows").GetInt32());
        Assert.Equal("1. Op Grip: Grays town centre", result.GetProperty("firstRow")[0].GetString());
        Assert.Equal("30 → 12", result.GetProperty("firstRow")[1].GetString());
        Assert.Contains(result.GetProperty("readings").EnumerateArray(), r => r.GetString()!.Contains("30 before, 12 during"));
        Assert.Contains(result.GetProperty("dosage").EnumerateArray(), d => d.GetString()!.StartsWith("2.8 patrol hours (0.7 a week)"));
        Assert.Equal(2, result.GetProperty("zonePaths").GetInt32());
        Assert.Equal(2, result.GetProperty("bufferPaths").GetInt32());
        Assert.Equal(1, result.GetProperty("excludedPaths").GetInt32());
        Assert.Equal(20, result.GetProperty("controlWards").GetInt32());
        Assert.Equal(4, result.GetProperty("chartBars").GetInt32());
        Assert.Equal(["30", "12"], result.GetProperty("chartValues").EnumerateArray().Take(2).Select(v => v.GetString()));
        Assert.Equal(["0", result.GetProperty("chartMax").GetString()], result.GetProperty("chartTicks").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(3, result.GetProperty("csvLines").GetInt32());
        Assert.Contains("format=csv", result.GetProperty("csvHref").GetString());
        Assert.Contains("'last spring'", result.GetProperty("badPeriod").GetString());
        Assert.StartsWith("No evaluation: during is required when any period is given", result.GetProperty("beforeAlone").GetString());
        Assert.True(result.GetProperty("closed").GetBoolean());
        Assert.True(File.Exists(Path.Combine(Screenshots, "operations.png")));
    }

    [Fact]
    public async Task A_lag_chair_picks_a_locality_and_months_previews_the_pack_as_the_api_draws_it_and_downloads_it_and_the_performance_summary()
    {
        await using var grays = GraysPack.NewServer();
        await GraysPack.LoadAsync(grays);
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/reports.mjs", Settings(dir, new
        {
            @base = grays.BaseAddress.ToString().TrimEnd('/'),
            password = HotSpotsServer.Password,
            viewer = HotSpotsServer.ViewerUser,
            locality = "grays",
            from = "2018-03",
            to = "2018-04",
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal(["grays"], result.GetProperty("localities").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Grays LAG Locality Action Group", result.GetProperty("defaultHeading").GetString());
        Assert.Equal("", result.GetProperty("sandbox").GetString());
        Assert.Equal(3, result.GetProperty("wards").GetArrayLength());
        var downloads = result.GetProperty("downloads");
        Assert.Equal(("lag-grays-2018-03-to-2018-04.pdf", "%PDF"), (downloads.GetProperty("rp-pdf").GetProperty("name").GetString(), downloads.GetProperty("rp-pdf").GetProperty("head").GetString()));
        Assert.Equal(("lag-grays-2018-03-to-2018-04.html", "<!DO"), (downloads.GetProperty("rp-html").GetProperty("name").GetString(), downloads.GetProperty("rp-html").GetProperty("head").GetString()));
        Assert.Equal("PK\u0003\u0004", downloads.GetProperty("rp-xlsx").GetProperty("head").GetString());
        Assert.Equal("PK\u0003\u0004", downloads.GetProperty("rp-performance-xlsx").GetProperty("head").GetString());
        Assert.Equal("performance-ward-2018-03-to-2018-04.csv", downloads.GetProperty("rp-performance-csv").GetProperty("name").GetString());
        Assert.Equal("Grays LAG LAG agenda pack, March to April 2018", result.GetProperty("a4Title").GetString());
        Assert.True(result.GetProperty("closed").GetBoolean());
        Assert.True(File.Exists(Path.Combine(Screenshots, "lag-pack.png")));
    }

    [Fact]
    public async Task An_operation_lead_makes_an_operation_with_a_drawn_zone_in_the_form_sees_refusals_by_their_fields_and_a_viewer_cannot()
    {
        var geography = Server.Services.GetRequiredService<ICurrentGeography>().Geography;
        var belhus = geography.Wards.Areas.Single(a => a.Name == "Belhus").Code;
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/operation-form.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'),
            password = HotSpotsServer.Password,
            lead = HotSpotsServer.AnalystUser,
            viewer = HotSpotsServer.ViewerUser,
            controlWard = belhus,
            existingZone = "op-grip-grays",
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal("No operations yet: an analyst or operation lead creates them here.", result.GetProperty("emptyNote").GetString());
        Assert.True(result.GetProperty("editHiddenWithNone").GetBoolean());
        Assert.True(result.GetProperty("panelBelowHeader").GetBoolean());
        Assert.True(result.GetProperty("evaluationHiddenWhileEditing").GetBoolean());
        Assert.All(result.GetProperty("circleCentre").EnumerateArray(), v => Assert.Matches(@"^-?\d+\.\d{6}$", v.GetString()));
        Assert.Equal("radius 0 m must be between 0 and 50000", result.GetProperty("shapeError").GetString());
        Assert.True(result.GetProperty("shapeInvalid").GetBoolean());
        Assert.Equal(0, result.GetProperty("operationsAfterShapeError").GetInt32());
        Assert.Equal("4 corners", result.GetProperty("corners").GetString());
        Assert.Equal(1, result.GetProperty("draftPaths").GetInt32());
        Assert.Equal("target group 'burglaries' is not a category group or category", result.GetProperty("groupsError").GetString());
        Assert.Equal("active period starting 2026-05-01 ends before it starts", result.GetProperty("periodsError").GetString());
        Assert.Equal("", result.GetProperty("shapeErrorAfterFix").GetString());
        Assert.True(result.GetProperty("drawnZoneTicked").GetBoolean());
        Assert.Equal(3, result.GetProperty("zonePathsBefore").GetInt32());
        Assert.Equal(4, result.GetProperty("savedZoneDrawn").GetInt32());
        Assert.Equal("true", result.GetProperty("groupsAriaInvalid").GetString());
        Assert.Equal("Saved Op Dial: Lakeside.", result.GetProperty("saved").GetString());
        Assert.Contains("Op Dial: Lakeside (dial)", result.GetProperty("picker").EnumerateArray().Select(o => o.GetString()));

        var stored = result.GetProperty("stored");
        Assert.Equal("Op Dial: Lakeside", stored.GetProperty("name").GetString());
        Assert.Equal(["op-grip-grays", "lakeside-drawn"], stored.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal([belhus], stored.GetProperty("controlWards").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal(["asb"], stored.GetProperty("targetGroups").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal(40, stored.GetProperty("fundedPatrolHours").GetDouble());
        var period = stored.GetProperty("activePeriods").EnumerateArray().Single();
        Assert.Equal(("2026-05-01", "2026-05-28"), (period.GetProperty("start").GetString(), period.GetProperty("end").GetString()));
        var drawn = result.GetProperty("drawnZone");
        Assert.Equal("Lakeside drawn", drawn.GetProperty("name").GetString());
        var geometry = drawn.GetProperty("shape").GetProperty("geometry");
        Assert.Equal("MultiPolygon", geometry.GetProperty("type").GetString());
        var ring = geometry.GetProperty("coordinates").EnumerateArray().Single()[0];
        Assert.Equal(5, ring.GetArrayLength());
        // The four clicks were around the drawing map's middle, which is fitted to Thurrock's wards.
        Assert.All(ring.EnumerateArray(), c => Assert.InRange(c[1].GetDouble(), 51.4, 51.6));
        Assert.InRange(drawn.GetProperty("squareKm").GetDouble(), 0.05, 50);

        var edit = result.GetProperty("editFilled");
        Assert.Equal("op-lakeside", edit.GetProperty("id").GetString());
        Assert.True(edit.GetProperty("idReadOnly").GetBoolean());
        Assert.Equal("Op Dial: Lakeside", edit.GetProperty("name").GetString());
        Assert.Equal(["lakeside-drawn", "op-grip-grays"], edit.GetProperty("zones").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal([belhus], edit.GetProperty("control").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal(["2026-05-01..2026-05-28"], edit.GetProperty("periods").EnumerateArray().Select(z => z.GetString()));
        Assert.Equal("Op Dial: Lakeside and Grays (dial)", result.GetProperty("renamed").GetString());
        Assert.Equal("Op Dial: Lakeside and Grays", (await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/operations/op-lakeside")).GetProperty("name").GetString());

        Assert.False(result.GetProperty("viewerSeesManage").GetBoolean());
        Assert.False(result.GetProperty("viewerSeesNew").GetBoolean());
        Assert.False(result.GetProperty("viewerSeesForm").GetBoolean());
        Assert.Equal(403, result.GetProperty("viewerPut").GetInt32());
        Assert.Equal(403, result.GetProperty("viewerZonePut").GetInt32());
        Assert.True(File.Exists(Path.Combine(Screenshots, "operation-form-1366.png")));
        Assert.True(File.Exists(Path.Combine(Screenshots, "operation-form-1920.png")));
    }

    [Fact]
    public async Task An_admin_makes_a_locality_of_two_wards_in_the_editor_and_choosing_it_limits_the_ranking_and_the_map_to_them_and_a_viewer_has_the_selector_but_no_editor()
    {
        await SeedAsync();
        var wards = Server.Services.GetRequiredService<ICurrentGeography>().Geography.Wards.Areas;
        string[] patch = [wards.Single(a => a.Name == "Grays Riverside").Code, wards.Single(a => a.Name == "Tilbury St Chads").Code];
        using var dir = new TempDirectory();

        var (exitCode, output) = await RunNodeAsync("tests/browser/localities.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'),
            password = HotSpotsServer.Password,
            admin = HotSpotsServer.AdminUser,
            viewer = HotSpotsServer.ViewerUser,
            wards = patch,
            screenshots = Screenshots,
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal(["All wards"], result.GetProperty("selectorBefore").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal(20, result.GetProperty("rowsBefore").GetInt32());
        var refused = result.GetProperty("refused");
        Assert.Equal("code must be 1-64 characters of a-z, 0-9, '-' and '_'", refused.GetProperty("code").GetString());
        Assert.Equal("name is required", refused.GetProperty("name").GetString());
        Assert.Equal("wards must name at least one ward", refused.GetProperty("wards").GetString());
        Assert.Equal("true", result.GetProperty("codeInvalid").GetString());
        Assert.Equal("(2 ticked)", result.GetProperty("count").GetString());
        Assert.Equal("Saved Riverside LAG (version 1, 2 wards).", result.GetProperty("saved").GetString());
        Assert.Equal("", result.GetProperty("refusedAfterSave").GetString());
        var stored = result.GetProperty("stored").EnumerateArray().Single();
        Assert.Equal(("riverside", "Riverside LAG"), (stored.GetProperty("code").GetString(), stored.GetProperty("name").GetString()));
        Assert.Equal(patch.Order(), stored.GetProperty("wards").EnumerateArray().Select(w => w.GetString()).Order());
        Assert.Equal(["All wards", "Riverside LAG"], result.GetProperty("selectorAfter").EnumerateArray().Select(o => o.GetString()));

        Assert.Equal(patch.Order(), result.GetProperty("ranking").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Equal(patch.Order(), result.GetProperty("api").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Contains("in Riverside LAG", result.GetProperty("rankingTitle").GetString());
        Assert.Equal(18, result.GetProperty("dimmed").GetInt32());
        // Framed on the two wards, they fill most of the map where all Thurrock left them a corner.
        var share = result.GetProperty("share");
        Assert.True(share.GetProperty("after").GetInt32() > share.GetProperty("before").GetInt32(), share.GetRawText());
        Assert.InRange(share.GetProperty("after").GetInt32(), 70, 100);
        Assert.Contains("by ward in Riverside LAG", result.GetProperty("printLine").GetString());
        Assert.Contains(result.GetProperty("drillDown").GetString(), new[] { "Grays Riverside", "Tilbury St Chads" });

        Assert.True(result.GetProperty("codeReadOnly").GetBoolean());
        Assert.Equal(patch.Order(), result.GetProperty("ticked").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Equal("Saved Riverside and Tilbury LAG (version 2, 2 wards).", result.GetProperty("renamed").GetString());
        Assert.Equal("Riverside and Tilbury LAG", result.GetProperty("chosenAfterRename").GetString());
        Assert.Equal("Retired Riverside and Tilbury LAG; saving it again brings it back.", result.GetProperty("retired").GetString());
        Assert.Equal("", result.GetProperty("chosenAfterRetire").GetString());
        Assert.Equal(0, result.GetProperty("dimmedAfterRetire").GetInt32());
        Assert.True((await Server.Viewer().GetFromJsonAsync<JsonElement>("/api/localities/riverside")).GetProperty("locality").GetProperty("retired").GetBoolean());

        Assert.False(result.GetProperty("viewerSeesEditor").GetBoolean());
        Assert.True(result.GetProperty("viewerSeesSelector").GetBoolean());
        Assert.True(File.Exists(Path.Combine(Screenshots, "localities.png")));
    }

    /// <summary>Incidents that make the groups and windows differ: ASB now and earlier, fires this week, violence this month.</summary>
    private async Task SeedAsync()
    {
        var geography = Server.Services.GetRequiredService<ICurrentGeography>().Geography;
        var random = new Random(5);
        var now = DateTimeOffset.UtcNow;
        var items = new List<object>();
        void Add(string ward, string category, DateTimeOffset at, string location)
        {
            var (lat, lon) = new AreaSampler(geography.Wards.Areas.Single(a => a.Name == ward)).Next(random);
            items.Add(new { source = "essex-police", sourceId = $"seed-{items.Count}", category, occurredAt = at.ToString("O"), latitude = lat, longitude = lon, locationText = location });
        }
        for (var i = 0; i < 3; i++) Add("Grays Riverside", "youth-nuisance", now.AddDays(-2 - i), "On or near Grays station");
        for (var i = 0; i < 4; i++) Add("Ockendon", "anti-social-behaviour", now.AddHours(-2 - i), "On or near Derwent Parade");
        for (var i = 0; i < 3; i++) Add("Chadwell St Mary", "deliberate-secondary-fire", now.AddDays(-3).AddHours(i), "On or near Brentwood Road");
        for (var i = 0; i < 5; i++) Add("Grays Thurrock", "violent-crime", now.AddDays(-9 - i), "On or near High Street");
        for (var i = 0; i < 2; i++) Add("Belhus", "burglary", now.AddDays(-20), "On or near Foyle Drive");
        var response = await Server.Ingest().PostAsJsonAsync("/api/incidents", items);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(items.Count).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_micro_places_layer_draws_the_cells_the_api_scores_with_a_legend_in_words_and_figures_on_hover_and_focus()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var items = Enumerable.Range(0, 30).Select(i => HotSpotsServer.Incident($"g-{i}", at: now))
            .Concat(ThurrockFigures.Wards.Take(5).Select((w, i) => HotSpotsServer.Incident($"w-{i}", lat: w.Seeds[0].Latitude, lon: w.Seeds[0].Longitude, at: now)))
            .ToList();
        (await Server.Ingest().PostAsJsonAsync("/api/incidents", items)).EnsureSuccessStatusCode();
        await Server.Services.GetRequiredService<IncidentLogTailer>().WhenAppliedAsync(items.Count).WaitAsync(TimeSpan.FromSeconds(10));
        using var dir = new TempDirectory();

        // The ward whose grid holds the 30 incidents' cell: a cell is the ward's its centre lies in.
        var (easting, northing) = BritishNationalGrid.FromWgs84(51.4757, 0.3217);
        var (centreLat, centreLon) = BritishNationalGrid.ToWgs84(Math.Floor(easting / 250) * 250 + 125, Math.Floor(northing / 250) * 250 + 125);
        var hotWard = Server.Services.GetRequiredService<MonitorDirectory>().Geography.Wards.Index.FindOne(centreLon, centreLat)!;

        var (exitCode, output) = await RunNodeAsync("tests/browser/grid-layer.mjs", Settings(dir, new
        {
            @base = Server.BaseAddress.ToString().TrimEnd('/'), user = HotSpotsServer.ViewerUser, password = HotSpotsServer.Password,
            hotWard = new { code = hotWard.Code, name = hotWard.Name },
        }));

        Assert.True(exitCode == 0, output);
        var result = LastJson(output);
        Assert.Equal(0, result.GetProperty("before").GetInt32());
        Assert.Equal(result.GetProperty("features").GetInt32(), result.GetProperty("drawn").GetInt32());
        Assert.Equal(
            ["Hot spot, 99% confidence", "Hot spot, 95% confidence", "Hot spot, 90% confidence", "Not significant",
             "Cold spot, 90% confidence", "Cold spot, 95% confidence", "Cold spot, 99% confidence"],
            result.GetProperty("legend").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("Gi* hot and cold cells (250 m cells):", result.GetProperty("legendHeading").GetString());
        Assert.Matches(@"^Cell \d+ E, \d+ N: \d+ incidents?, z \d+\.\d\d, Hot spot, 99% confidence$", result.GetProperty("hovered").GetString());
        Assert.Equal(result.GetProperty("hotLabel").GetString(), result.GetProperty("hovered").GetString());
        var hotZ = result.GetProperty("hotApi").EnumerateArray().Select(c => "z " + c.GetProperty("z").GetDouble().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + ", ");
        Assert.Contains(hotZ, z => result.GetProperty("hovered").GetString()!.Contains(z));
        Assert.Matches(@"^Cell \d+ E, \d+ N: 1 incident, z -?\d+\.\d\d, Not significant$", result.GetProperty("focused").GetString());
        Assert.Equal(result.GetProperty("focusedLabel").GetString(), result.GetProperty("focused").GetString());
        Assert.True(result.GetProperty("legendHiddenWhenOff").GetBoolean());
        Assert.StartsWith("Hot streets", result.GetProperty("streetsHeading").GetString());
        Assert.Equal(["Grays station: 30 (Hot spot, 99% confidence)"], result.GetProperty("streets").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(30, result.GetProperty("streetsApi")[0].GetProperty("count").GetInt32());
    }

    private static string Settings(TempDirectory dir, object settings)
    {
        var path = dir.File("browser-settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(settings));
        return path;
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.Split('\n').Last(l => l.StartsWith('{'))).RootElement;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo NodeInfo(params string[] args)
    {
        Assert.True(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM_PATH") is not null,
            "Chromium is needed for the browser tests: apt-get install chromium (.ci/run does this)");
        var info = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.Dashboards, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(params string[] args)
    {
        using var process = Process.Start(NodeInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
