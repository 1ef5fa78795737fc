package io.configvault.shared.fuzz;

import java.util.SplittableRandom;

/** A {@link BytesFuzzTarget} for a JSON document reader, mutated by {@link JsonMutator}. */
public interface JsonFuzzTarget extends BytesFuzzTarget {

    @Override
    default byte[] mutate(byte[] input, SplittableRandom random) {
        return JsonMutator.mutate(input, random);
    }
}
