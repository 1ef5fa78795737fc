package io.configvault.shared.fuzz;

/** A {@link FuzzTarget} whose input is plain bytes: a corpus file is the input itself. */
public interface BytesFuzzTarget extends FuzzTarget<byte[]> {

    @Override
    default byte[] toBytes(byte[] input) {
        return input;
    }

    @Override
    default byte[] fromBytes(byte[] bytes) {
        return bytes;
    }
}
