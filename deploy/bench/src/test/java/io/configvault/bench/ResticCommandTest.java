package io.configvault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResticCommandTest {

    private final ResticCommand restic = ResticCommand.forS3("restic",
            URI.create("http://127.0.0.1:9000/"), "bench-restic", "us-east-1", "access",
            "s3-secret", Path.of("/work/password"), Path.of("/work/cache"));

    @Test
    void theRepositoryIsThePathStyleS3AddressOfTheBucket() {
        assertThat(restic.repository()).isEqualTo("s3:http://127.0.0.1:9000/bench-restic");
        assertThat(restic.init()).containsExactly("restic", "-r",
                "s3:http://127.0.0.1:9000/bench-restic", "init");
    }

    @Test
    void aBackupIsOneFileAsOneSnapshotUnderTheAppliancesName() {
        assertThat(restic.backup(Path.of("/fleet/bench-0001/app.conf"), "bench-0001", "bench"))
                .containsExactly("restic", "-r", "s3:http://127.0.0.1:9000/bench-restic",
                        "backup", "--quiet", "--host", "bench-0001", "--tag", "bench",
                        "/fleet/bench-0001/app.conf");
        assertThat(restic.snapshots()).endsWith("snapshots", "--json");
    }

    @Test
    void secretsGoThroughTheEnvironmentNeverTheCommandLine() {
        assertThat(restic.environment()).containsEntry("AWS_ACCESS_KEY_ID", "access")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "s3-secret")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
                .containsEntry("RESTIC_PASSWORD_FILE", "/work/password")
                .containsEntry("RESTIC_CACHE_DIR", "/work/cache")
                .doesNotContainKey("RESTIC_PASSWORD");
        assertThat(String.join(" ", restic.backup(Path.of("f"), "h", "t"))).doesNotContain(
                "s3-secret", "access");
    }
}
