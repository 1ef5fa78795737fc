package io.configvault.shared.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Structure-aware mutations of JSON documents: values swapped for edge values of every type
 * (huge and fractional numbers, long and odd strings, deep nesting), members deleted, repeated,
 * renamed or added, arrays grown and shrunk, subtrees copied elsewhere; sometimes a byte-level
 * mutation of the rendered text, a byte order mark, another encoding or trailing content.
 * Stateless.
 */
public final class JsonMutator {

    /** Number tokens on the edges of int, long and double, and a few that are not JSON. */
    public static final List<String> EDGE_NUMBERS = List.of("0", "-0", "1", "-1", "2", "1.0",
            "1.5", "1e2", "1E400", "-1e-400", "0.0000000000000000000001", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "12345678901234567890",
            "123456789012345678901", "4095", "4096", "07777", "10000", "10001", "01", "+1", ".5",
            "NaN", "Infinity", "1e", "--1");

    /** Larger documents only get byte-level mutations: every parser refuses them by size. */
    private static final int MAX_STRUCTURED_BYTES = 256 * 1024;

    private JsonMutator() {
    }

    /** One mutation of {@code document}; falls back to bytes when it is not JSON. */
    public static byte[] mutate(byte[] document, SplittableRandom random) {
        if (document.length > MAX_STRUCTURED_BYTES) {
            return Mutator.mutateAny(document, random);
        }
        Json parsed;
        try {
            parsed = Json.parse(document);
        } catch (IOException notJson) {
            return Mutator.mutateAny(document, random);
        }
        int choice = random.nextInt(20);
        if (choice < 3) {
            return Mutator.mutateAny(document, random);
        }
        if (choice == 3) {
            return reencoded(document, random);
        }
        String rendered = Json.render(mutate(parsed, random), random.nextBoolean());
        return rendered.getBytes(StandardCharsets.UTF_8);
    }

    /** One structural mutation of a parsed document. */
    public static Json mutate(Json root, SplittableRandom random) {
        List<List<Integer>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        List<Integer> path = paths.get(random.nextInt(paths.size()));
        Json target = at(root, path);
        Json donor = at(root, paths.get(random.nextInt(paths.size())));
        return replaced(root, path, 0, changed(target, donor, random));
    }

    private static Json changed(Json node, Json donor, SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return edgeValue(donor, random);
        }
        return switch (node) {
            case Json.Str s -> random.nextInt(4) == 0 ? new Json.Num(s.value())
                    : new Json.Str(Mutator.text(s.value(), random));
            case Json.Num n -> random.nextBoolean() ? new Json.Num(Mutator.pick(EDGE_NUMBERS, random))
                    : new Json.Str(n.raw());
            case Json.Bool b -> random.nextBoolean() ? new Json.Bool(!b.value())
                    : new Json.Str(String.valueOf(b.value()));
            case Json.Null n -> edgeValue(donor, random);
            case Json.Arr a -> new Json.Arr(changedList(a.items(), donor, random));
            case Json.Obj o -> new Json.Obj(changedMembers(o.members(), donor, random));
        };
    }

    private static Json edgeValue(Json donor, SplittableRandom random) {
        return switch (random.nextInt(9)) {
            case 0 -> new Json.Null();
            case 1 -> new Json.Bool(random.nextBoolean());
            case 2 -> new Json.Num(Mutator.pick(EDGE_NUMBERS, random));
            case 3 -> new Json.Str(Mutator.pick(Mutator.EDGE_STRINGS, random));
            case 4 -> new Json.Obj(List.of());
            case 5 -> new Json.Arr(List.of());
            case 6 -> nested(donor, random.nextInt(2, 12), random);
            case 7 -> new Json.Str("x".repeat(Mutator.pick(List.of(255, 256, 257, 4096, 4097,
                    70_000), random)));
            default -> donor;
        };
    }

    private static Json nested(Json inner, int depth, SplittableRandom random) {
        Json json = inner;
        for (int i = 0; i < depth; i++) {
            json = random.nextBoolean() ? new Json.Arr(List.of(json))
                    : new Json.Obj(List.of(new Json.Member("n", json)));
        }
        return json;
    }

    private static List<Json> changedList(List<Json> items, Json donor, SplittableRandom random) {
        List<Json> list = new ArrayList<>(items);
        int at = list.isEmpty() ? 0 : random.nextInt(list.size());
        switch (random.nextInt(5)) {
            case 0 -> {
                if (!list.isEmpty()) {
                    list.remove(at);
                }
            }
            case 1 -> list.add(at, list.isEmpty() ? donor : list.get(at)); // repeat
            case 2 -> { // grow past small limits
                Json copy = list.isEmpty() ? donor : list.get(at);
                for (int i = random.nextInt(2, 40); i > 0; i--) {
                    list.add(copy);
                }
            }
            case 3 -> {
                if (list.size() > 1) {
                    list.add(list.remove(at)); // reorder
                }
            }
            default -> list.add(at, donor);
        }
        return list;
    }

    private static List<Json.Member> changedMembers(List<Json.Member> members, Json donor,
                                                    SplittableRandom random) {
        List<Json.Member> list = new ArrayList<>(members);
        int at = list.isEmpty() ? 0 : random.nextInt(list.size());
        Json.Member member = list.isEmpty() ? new Json.Member("x", donor) : list.get(at);
        switch (random.nextInt(6)) {
            case 0 -> {
                if (!list.isEmpty()) {
                    list.remove(at);
                }
            }
            case 1 -> list.add(new Json.Member(member.key(), member.value())); // duplicate key
            case 2 -> list.add(new Json.Member(member.key(), donor)); // duplicate, other value
            case 3 -> {
                if (!list.isEmpty()) { // renamed
                    list.set(at, new Json.Member(Mutator.text(member.key(), random),
                            member.value()));
                }
            }
            case 4 -> list.add(random.nextInt(list.size() + 1),
                    new Json.Member(Mutator.pick(List.of("extra", "FORMAT", "name ", ""), random),
                            donor));
            default -> {
                if (list.size() > 1) {
                    list.add(list.remove(at)); // reorder
                }
            }
        }
        return list;
    }

    private static byte[] reencoded(byte[] document, SplittableRandom random) {
        String text = new String(document, StandardCharsets.UTF_8);
        return switch (random.nextInt(5)) {
            case 0 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
            case 1 -> text.getBytes(StandardCharsets.UTF_16);
            case 2 -> (text + Mutator.pick(List.of("{}", "x", "\u0000", " ", "\n\n", "]",
                    text), random)).getBytes(StandardCharsets.UTF_8);
            case 3 -> (" ".repeat(random.nextInt(1, 5000)) + text)
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("//\n" + text).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static void collect(Json node, List<Integer> path, List<List<Integer>> paths) {
        paths.add(List.copyOf(path));
        List<Json> children = children(node);
        for (int i = 0; i < children.size(); i++) {
            path.add(i);
            collect(children.get(i), path, paths);
            path.removeLast();
        }
    }

    private static List<Json> children(Json node) {
        return switch (node) {
            case Json.Arr a -> a.items();
            case Json.Obj o -> o.members().stream().map(Json.Member::value).toList();
            default -> List.of();
        };
    }

    private static Json at(Json root, List<Integer> path) {
        Json node = root;
        for (int index : path) {
            node = children(node).get(index);
        }
        return node;
    }

    private static Json replaced(Json node, List<Integer> path, int depth, Json replacement) {
        if (depth == path.size()) {
            return replacement;
        }
        int index = path.get(depth);
        return switch (node) {
            case Json.Arr a -> {
                List<Json> items = new ArrayList<>(a.items());
                items.set(index, replaced(items.get(index), path, depth + 1, replacement));
                yield new Json.Arr(items);
            }
            case Json.Obj o -> {
                List<Json.Member> members = new ArrayList<>(o.members());
                Json.Member member = members.get(index);
                members.set(index, new Json.Member(member.key(),
                        replaced(member.value(), path, depth + 1, replacement)));
                yield new Json.Obj(members);
            }
            default -> throw new IllegalStateException("path leads through a leaf");
        };
    }
}
