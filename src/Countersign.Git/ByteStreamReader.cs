namespace Countersign.Git;

/// <summary>A minimal buffered reader over git's stdout for NUL- and tab-delimited parsing without per-byte stream calls.</summary>
internal sealed class ByteStreamReader(Stream stream)
{
    private readonly byte[] buffer = new byte[1 << 16];
    private int position;
    private int length;
    private byte[] scratch = new byte[256];

    /// <summary>Next byte without consuming it, or -1 at end of stream.</summary>
    public int Peek()
    {
        if (position == length && !Fill())
        {
            return -1;
        }

        return buffer[position];
    }

    public int Read()
    {
        if (position == length && !Fill())
        {
            return -1;
        }

        return buffer[position++];
    }

    /// <summary>
    /// Reads up to (not including) <paramref name="delimiter"/>, consuming it. Returns the bytes in a scratch span
    /// valid until the next call, and whether the delimiter was found (false at end of stream).
    /// </summary>
    public ReadOnlySpan<byte> ReadUntil(byte delimiter, out bool found)
    {
        var count = 0;
        while (true)
        {
            if (position == length && !Fill())
            {
                found = false;
                return scratch.AsSpan(0, count);
            }

            var span = buffer.AsSpan(position, length - position);
            var index = span.IndexOf(delimiter);
            var take = index < 0 ? span.Length : index;
            EnsureScratch(count + take);
            span[..take].CopyTo(scratch.AsSpan(count));
            count += take;
            position += take;
            if (index >= 0)
            {
                position++;
                found = true;
                return scratch.AsSpan(0, count);
            }
        }
    }

    private void EnsureScratch(int size)
    {
        if (scratch.Length < size)
        {
            Array.Resize(ref scratch, Math.Max(size, scratch.Length * 2));
        }
    }

    private bool Fill()
    {
        position = 0;
        length = stream.Read(buffer, 0, buffer.Length);
        return length > 0;
    }
}
