using System.Text;
using HotSpots.Domain.Incidents;

namespace HotSpots.Store;

/// <summary>
/// Incidents to append, held as columns with all their text as UTF-8 in one buffer. A bulk import fills it straight
/// from the file's bytes, so a batch of 100,000 rows is a dozen arrays rather than 300,000 objects for the garbage
/// collector to trace and promote while the batch waits its turn, and the store binds the text without re-encoding
/// it. A batch can be cleared and filled again.
/// </summary>
public sealed class IncidentBatch
{
    private Category[] _category;
    private IncidentOrigin[] _origin;
    private long[] _reference;
    private OccurredAt[] _occurredAt;
    private double[] _latitude, _longitude;
    private int[] _sourceStart, _sourceLength, _sourceIdLength, _locationLength;
    private byte[] _text;
    private int _textUsed;

    public IncidentBatch(int capacity = 16)
    {
        capacity = Math.Max(capacity, 1);
        _category = new Category[capacity];
        _origin = new IncidentOrigin[capacity];
        _reference = new long[capacity];
        _occurredAt = new OccurredAt[capacity];
        _latitude = new double[capacity];
        _longitude = new double[capacity];
        _sourceStart = new int[capacity];
        _sourceLength = new int[capacity];
        _sourceIdLength = new int[capacity];
        _locationLength = new int[capacity];
        _text = new byte[capacity * 96];
    }

    public int Count { get; private set; }

    public static IncidentBatch From(IReadOnlyList<Incident> incidents)
    {
        var batch = new IncidentBatch(incidents.Count);
        foreach (var incident in incidents) batch.Add(incident);
        return batch;
    }

    public void Add(Incident incident)
    {
        var length = Encoding.UTF8.GetMaxByteCount(incident.Source.Length + incident.SourceId.Length + (incident.LocationText?.Length ?? 0));
        var text = length <= 2048 ? stackalloc byte[length] : new byte[length];
        var source = Encoding.UTF8.GetBytes(incident.Source, text);
        var sourceId = Encoding.UTF8.GetBytes(incident.SourceId, text[source..]);
        var location = incident.LocationText is null ? 0 : Encoding.UTF8.GetBytes(incident.LocationText, text[(source + sourceId)..]);
        Add(text[..source], text.Slice(source, sourceId), incident.Category, incident.OccurredAt, incident.Latitude, incident.Longitude,
            text.Slice(source + sourceId, location), incident.LocationText is not null, incident.Origin);
    }

    /// <summary>Copies one incident of another batch, with its origin and reference.</summary>
    public void Add(IncidentBatch other, int index) =>
        Add(other.Source(index), other.SourceId(index), other.Category(index), other.OccurredAt(index), other.Latitude(index),
            other.Longitude(index), other.Location(index), other.HasLocation(index), other.Origin(index), other.Reference(index));

    /// <summary>
    /// Adds one incident; its text is copied. Without <paramref name="hasLocation"/> it has no location text.
    /// <paramref name="reference"/> is the caller's own (an import's line number, so a later refusal can name the line);
    /// it is not stored.
    /// </summary>
    public void Add(
        ReadOnlySpan<byte> source, ReadOnlySpan<byte> sourceId, Category category, OccurredAt occurredAt, double latitude, double longitude,
        ReadOnlySpan<byte> location, bool hasLocation, IncidentOrigin origin = IncidentOrigin.Recorded, long reference = 0)
    {
        if (Count == _category.Length) Grow();
        if (!hasLocation) location = [];
        var bytes = source.Length + sourceId.Length + location.Length;
        if (_textUsed + bytes > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + bytes));
        var i = Count++;
        _category[i] = category;
        _origin[i] = origin;
        _reference[i] = reference;
        _occurredAt[i] = occurredAt;
        _latitude[i] = latitude;
        _longitude[i] = longitude;
        _sourceStart[i] = _textUsed;
        _sourceLength[i] = source.Length;
        _sourceIdLength[i] = sourceId.Length;
        _locationLength[i] = hasLocation ? location.Length : -1;
        source.CopyTo(_text.AsSpan(_textUsed));
        sourceId.CopyTo(_text.AsSpan(_textUsed + source.Length));
        location.CopyTo(_text.AsSpan(_textUsed + source.Length + sourceId.Length));
        _textUsed += bytes;
    }

    public void Clear()
    {
        Count = 0;
        _textUsed = 0;
    }

    public ReadOnlySpan<byte> Source(int index) => _text.AsSpan(SourceRange(index));

    public ReadOnlySpan<byte> SourceId(int index) => _text.AsSpan(SourceIdRange(index));

    /// <summary>The location text's bytes; <see cref="HasLocation"/> tells an empty text from none.</summary>
    public ReadOnlySpan<byte> Location(int index) => _text.AsSpan(LocationRange(index));

    private Range SourceRange(int index) => new(_sourceStart[index], _sourceStart[index] + _sourceLength[index]);

    private Range SourceIdRange(int index)
    {
        var start = _sourceStart[index] + _sourceLength[index];
        return new(start, start + _sourceIdLength[index]);
    }

    private Range LocationRange(int index)
    {
        var start = _sourceStart[index] + _sourceLength[index] + _sourceIdLength[index];
        return new(start, start + Math.Max(_locationLength[index], 0));
    }

    public bool HasLocation(int index) => _locationLength[index] >= 0;

    public Category Category(int index) => _category[index];

    public IncidentOrigin Origin(int index) => _origin[index];

    public long Reference(int index) => _reference[index];

    /// <summary>The latitudes, writable so that a batch of grid references can be converted in one call.</summary>
    public Span<double> Latitudes => _latitude.AsSpan(0, Count);

    /// <summary>The longitudes, writable so that a batch of grid references can be converted in one call.</summary>
    public Span<double> Longitudes => _longitude.AsSpan(0, Count);

    public OccurredAt OccurredAt(int index) => _occurredAt[index];

    public double Latitude(int index) => _latitude[index];

    public double Longitude(int index) => _longitude[index];

    /// <summary>One incident as an object, for messages and checks off the fast path.</summary>
    public Incident this[int index] => new(
        Encoding.UTF8.GetString(Source(index)), Encoding.UTF8.GetString(SourceId(index)), _category[index], _occurredAt[index],
        _latitude[index], _longitude[index], HasLocation(index) ? Encoding.UTF8.GetString(Location(index)) : null, _origin[index]);

    private void Grow()
    {
        var capacity = _category.Length * 2;
        Array.Resize(ref _category, capacity);
        Array.Resize(ref _origin, capacity);
        Array.Resize(ref _reference, capacity);
        Array.Resize(ref _occurredAt, capacity);
        Array.Resize(ref _latitude, capacity);
        Array.Resize(ref _longitude, capacity);
        Array.Resize(ref _sourceStart, capacity);
        Array.Resize(ref _sourceLength, capacity);
        Array.Resize(ref _sourceIdLength, capacity);
        Array.Resize(ref _locationLength, capacity);
    }
}
