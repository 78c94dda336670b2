using System.Text;
using HotSpots.Application.Imports;

namespace HotSpots.Application.Tests.Imports;

public class Utf8CsvReaderTests
{
    private static List<(long Line, string? Problem, string[] Fields)> ReadAll(string text, int bufferSize = 1 << 16, bool byteOrderMark = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (byteOrderMark) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        using var reader = new Utf8CsvReader(new MemoryStream(bytes), bufferSize);
        var records = new List<(long, string?, string[])>();
        while (reader.Read()) records.Add((reader.Line, reader.Problem, [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]));
        return records;
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_lines_are_counted_through_them()
    {
        var records = ReadAll("a,b\r\n\"x, \"\"y\"\"\r\nz\",2\r\nlast,row");

        Assert.Equal([(1L, (string?)null), (2L, null), (4L, null)], records.Select(r => (r.Line, r.Problem)));
        Assert.Equal(["x, \"y\"\r\nz", "2"], records[1].Fields);
        Assert.Equal(["last", "row"], records[2].Fields);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_blank_lines_are_not_records()
    {
        var records = ReadAll("h1,h2\n\n1,2\r\n\r\n3,4\n", byteOrderMark: true);

        Assert.Equal(["h1", "h2"], records[0].Fields);
        Assert.Equal([1L, 3L, 5L], records.Select(r => r.Line));
        Assert.Equal(["3", "4"], records[2].Fields);
    }

    [Fact]
    public void Records_that_cross_the_end_of_the_buffer_are_read_whole()
    {
        var rows = Enumerable.Range(0, 200).Select(i => $"{i},\"quoted \"\"{i}\"\" text\",{new string('x', i % 37)}").ToList();

        var records = ReadAll(string.Join("\n", rows) + "\n", bufferSize: 16);

        Assert.Equal(200, records.Count);
        Assert.All(records, (r, i) => Assert.Equal([i.ToString(), $"quoted \"{i}\" text", new string('x', i % 37)], r.Fields));
    }

    [Fact]
    public void Stray_quotes_and_unclosed_quotes_are_reported_on_their_record()
    {
        var records = ReadAll("ok,1\nbad\"quote,2\n\"closed\"junk,3\n\"never closed,4");

        Assert.Equal([null, "malformed quoting", "malformed quoting", "a quoted field is not closed"], records.Select(r => r.Problem));
        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Line));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Bare_CR_LF_and_CRLF_all_end_a_record(string lineEnd)
    {
        var records = ReadAll(string.Join(lineEnd, "h1,h2", "1,\"two\"", "", "3,4") + lineEnd, bufferSize: 4);

        Assert.Equal([["h1", "h2"], ["1", "two"], ["3", "4"]], records.Select(r => r.Fields));
        Assert.Equal([1L, 2L, 4L], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Null(r.Problem));
    }

    [Fact]
    public void A_file_mixing_line_ends_loses_no_record()
    {
        var records = ReadAll("h\r1\n2\r\n3\r4\n\"5\r\nfive\"\r6", bufferSize: 3);

        Assert.Equal(["h", "1", "2", "3", "4", "5\r\nfive", "6"], records.Select(r => r.Fields.Single()));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 8L], records.Select(r => r.Line));
    }

    [Fact]
    public void An_unclosed_quote_costs_only_its_own_line_and_says_how_many_lines_it_would_have_swallowed()
    {
        var rows = Enumerable.Range(1, 1_000).Select(i => $"{i},row {i}").ToList();
        rows[4] = "5,\"broken";

        var records = ReadAll(string.Join("\n", rows) + "\n", bufferSize: 64);

        Assert.Equal(1_000, records.Count);
        var broken = Assert.Single(records, r => r.Problem is not null);
        Assert.Equal(5L, broken.Line);
        Assert.Equal("a quoted field is not closed (a quote on this line runs on over 995 more lines; only this line is skipped)", broken.Problem);
        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), records.Select(r => r.Line));
        Assert.Equal(["1000", "row 1000"], records[^1].Fields);
    }

    [Fact]
    public void A_quote_closed_lines_later_with_text_after_it_costs_only_the_line_it_opened_on()
    {
        var records = ReadAll("1,\"opened\n2,two\n3,\"closed\"junk\n4,four\n");

        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Line));
        Assert.StartsWith("malformed quoting (a quote on this line runs on over 2 more lines", records[0].Problem);
        Assert.Equal(["2", "two"], records[1].Fields);
        Assert.Equal("malformed quoting", records[2].Problem);
        Assert.Equal(["4", "four"], records[3].Fields);
    }
}
