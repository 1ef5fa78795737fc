package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.store.BlobStore.ListedBlob;
import io.configvault.vault.store.BlobStore.PutOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link BlobStore} contract, run against every implementation. */
abstract class BlobStoreContract {

    @TempDir
    Path dir;

    /** A store with no objects under the keys these tests use. */
    abstract BlobStore store();

    Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static String md5(Path file) throws Exception {
        return new FilePart(file, 0, Files.size(file)).md5Base64();
    }

    PutOutcome create(String key, String content) throws Exception {
        Path file = file("upload-" + key.replace('/', '_'), content);
        return store().create(key, file, md5(file), Map.of("cv-test", content.length() + ""),
                null);
    }

    String read(String key) throws Exception {
        Path target = dir.resolve("download");
        store().download(key, target);
        return Files.readString(target, StandardCharsets.UTF_8);
    }

    @Test
    void createsOnceAndNeverReplaces() throws Exception {
        assertThat(create("once/a", "first")).isEqualTo(new PutOutcome.Created("once/a"));

        assertThat(create("once/a", "second, longer"))
                .isEqualTo(new PutOutcome.AlreadyExists("once/a"));

        assertThat(read("once/a")).isEqualTo("first");
    }

    @Test
    void headTellsSizeAndMetadataAndNothingForAMissingKey() throws Exception {
        create("head/a", "12345");

        Optional<BlobStore.BlobInfo> head = store().head("head/a");

        assertThat(head).hasValueSatisfying(info -> {
            assertThat(info.key()).isEqualTo("head/a");
            assertThat(info.size()).isEqualTo(5);
            assertThat(info.metadata()).containsEntry("cv-test", "5");
        });
        assertThat(store().head("head/missing")).isEmpty();
    }

    @Test
    void listsByPrefixInKeyOrderPageByPage() throws Exception {
        for (String key : List.of("list/b/3", "list/a/2", "list/b/1", "list/b/2", "list/c",
                "lists/other")) {
            create(key, key);
        }
        List<List<String>> pages = new ArrayList<>();
        String after = null;
        BlobStore.Page page;
        do {
            page = store().list("list/b/", after, 2);
            pages.add(page.blobs().stream().map(ListedBlob::key).toList());
            after = page.next().orElse(null);
        } while (after != null);

        assertThat(pages.getFirst()).containsExactly("list/b/1", "list/b/2");
        assertThat(pages.stream().flatMap(List::stream).toList())
                .containsExactly("list/b/1", "list/b/2", "list/b/3");
        assertThat(store().list("list/", null, 1000).blobs()).extracting(ListedBlob::key)
                .containsExactly("list/a/2", "list/b/1", "list/b/2", "list/b/3", "list/c");
        assertThat(store().list("list/", null, 1000).blobs()).first()
                .isEqualTo(new ListedBlob("list/a/2", "list/a/2".length()));
        BlobStore.Page none = store().list("list/z/", null, 10);
        assertThat(none.blobs()).isEmpty();
        assertThat(none.truncated()).isFalse();
        assertThat(store().list("list/b/", "list/b/3", 10).blobs()).isEmpty();
    }

    @Test
    void deletesAndDeletingAgainIsFine() throws Exception {
        create("delete/a", "gone soon");

        store().delete("delete/a");
        store().delete("delete/a");
        store().delete("delete/never-there");

        assertThat(store().head("delete/a")).isEmpty();
        assertThat(store().list("delete/", null, 10).blobs()).isEmpty();
        assertThat(create("delete/a", "again")).isEqualTo(new PutOutcome.Created("delete/a"));
    }
}
