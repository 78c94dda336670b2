using HotSpots.Store;
using Orleans.Serialization;
using Orleans.Storage;

namespace HotSpots.Grains;

/// <summary>
/// Grain storage over <see cref="IGrainStateStore"/> (the SQLite file in the embedded node). Rows are keyed by the
/// state name and the full grain id (type and key), so two grain types never share a row.
/// </summary>
public sealed class StoreGrainStorage(IGrainStateStore store, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await store.ReadAsync(stateName, grainId.ToString());
        if (stored is null)
        {
            grainState.RecordExists = false;
            grainState.ETag = null;
            return;
        }
        grainState.State = serializer.Deserialize<T>(stored.Payload);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            grainState.ETag = await store.WriteAsync(stateName, grainId.ToString(), serializer.SerializeToArray(grainState.State), grainState.ETag);
            grainState.RecordExists = true;
        }
        catch (StateConflictException conflict)
        {
            throw new InconsistentStateException(conflict.Message, null, grainState.ETag, conflict);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await store.ClearAsync(stateName, grainId.ToString(), grainState.ETag);
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
