namespace Portal.Domain.Library.Ovf;

/// <summary>
/// A read-only stream that first replays the bytes already read to tell an OVA from a descriptor, then reads
/// on from the source, and fails once more than a set number of bytes were read, so an OVA without its
/// descriptor near the start is not read through to its end.
/// </summary>
internal sealed class OvfPackageStream(ReadOnlyMemory<byte> head, Stream source, long limit) : Stream
{
    private ReadOnlyMemory<byte> head = head;
    private long total;

    public bool LimitReached { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (!head.IsEmpty)
        {
            read = Math.Min(buffer.Length, head.Length);
            head.Span[..read].CopyTo(buffer);
            head = head[read..];
        }
        else
        {
            read = source.Read(buffer);
        }

        total += read;
        if (total > limit)
        {
            LimitReached = true;
            throw new IOException("The package read limit was reached.");
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
