using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GemScheduling.HarvestSandbox.Store;

/// <summary>
/// Feeds a canonical, type-tagged byte form of the store into SHA-256. Every value is tagged and strings are
/// length-prefixed, so two different states cannot serialize to the same bytes.
/// </summary>
internal sealed class CanonicalWriter : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _length;

    public void Section(string name)
    {
        Tag(0xF0);
        Write(name);
    }

    public void Write(long value)
    {
        Ensure(9);
        _buffer[_length++] = 0x01;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Write(long? value)
    {
        if (value is null)
        {
            Tag(0x00);
        }
        else
        {
            Write(value.Value);
        }
    }

    public void Write(bool value) => Tag(value ? (byte)0x11 : (byte)0x10);

    public void Write(DateTimeOffset value) => Write(value.UtcTicks);

    public void Write(DateTimeOffset? value) => Write(value?.UtcTicks);

    public void Write(DateOnly? value) => Write(value?.DayNumber);

    public void Write(string? value)
    {
        if (value is null)
        {
            Tag(0x00);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max + 5 > _buffer.Length)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Ensure(5);
            _buffer[_length++] = 0x02;
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), bytes.Length);
            _length += 4;
            Flush();
            _hash.AppendData(bytes);
            return;
        }

        Ensure(max + 5);
        _buffer[_length++] = 0x02;
        var count = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), count);
        _length += 4 + count;
    }

    public void Write(IReadOnlyList<long> values)
    {
        Write((long)values.Count);
        foreach (var v in values)
        {
            Write(v);
        }
    }

    public void Write(IReadOnlyList<string> values)
    {
        Write((long)values.Count);
        foreach (var v in values)
        {
            Write(v);
        }
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private void Tag(byte tag)
    {
        Ensure(1);
        _buffer[_length++] = tag;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_length > 0)
        {
            _hash.AppendData(_buffer, 0, _length);
            _length = 0;
        }
    }
}
