namespace GemScheduling.HarvestSandbox.Store;

internal interface IEntity
{
    long Id { get; }
}

/// <summary>
/// Rows of one kind kept in id order (ids only ever grow, so appends keep the order) plus an id index.
/// Pages are then plain slices of <see cref="Items"/>; nothing is sorted per request.
/// </summary>
internal sealed class EntityTable<T> where T : class, IEntity
{
    private readonly List<T> _items;
    private readonly Dictionary<long, T> _byId;

    public EntityTable(int capacity = 0)
    {
        _items = new List<T>(capacity);
        _byId = new Dictionary<long, T>(capacity);
    }

    public IReadOnlyList<T> Items => _items;

    public int Count => _items.Count;

    public void Add(T entity)
    {
        if (_items.Count > 0 && entity.Id <= _items[^1].Id)
        {
            throw new InvalidOperationException($"{typeof(T).Name} ids must grow: {entity.Id} after {_items[^1].Id}.");
        }

        _items.Add(entity);
        _byId.Add(entity.Id, entity);
    }

    public T? Find(long id) => _byId.GetValueOrDefault(id);

    public bool Remove(long id)
    {
        if (!_byId.Remove(id))
        {
            return false;
        }

        _items.RemoveAt(IdOrder.IndexOf(_items, id));
        return true;
    }
}

internal static class IdOrder
{
    /// <summary>Binary search in a list sorted by id; the id must be present.</summary>
    public static int IndexOf<T>(List<T> sorted, long id) where T : IEntity
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var midId = sorted[mid].Id;
            if (midId == id)
            {
                return mid;
            }

            if (midId < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        throw new InvalidOperationException($"Id {id} is not in the list.");
    }

    public static void RemoveById<T>(List<T> sorted, long id) where T : IEntity => sorted.RemoveAt(IndexOf(sorted, id));
}

/// <summary>Monotonic id source for one kind of row.</summary>
internal sealed class IdSequence(long firstId)
{
    private long _next = firstId;

    public long Next() => _next++;

    public long Peek => _next;
}
