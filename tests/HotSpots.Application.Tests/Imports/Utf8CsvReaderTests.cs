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
        var records = ReadAll("ok,1\nbad\"quote,2\n\"closed\"junk,3\n\"never closed,4\n");

        Assert.Equal([null, "malformed quoting", "malformed quoting", "a quoted field is not closed"], records.Select(r => r.Problem));
        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Line));
    }
}
