package io.configvault.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The files of an {@link S3Server} data dir. */
record S3ServerFiles(Path dataDir) {

    Path blobs() {
        return dataDir.resolve("blobs");
    }

    Path serverProperties() {
        return dataDir.resolve("s3proxy.properties");
    }

    Path logbackConfig() {
        return dataDir.resolve("logback.xml");
    }

    Path serverLog() {
        return dataDir.resolve("s3proxy.log");
    }

    Path output() {
        return dataDir.resolve("s3proxy.out");
    }

    /** Creates {@code blobs/}, writes {@code s3proxy.properties} and {@code logback.xml}. */
    void write(URI endpoint, String accessKey, String secretKey) {
        ConfigFiles.createDirectories(blobs());
        Map<String, String> p = new LinkedHashMap<>();
        p.put("s3proxy.endpoint", endpoint.toString());
        // v2 and v4 signatures, never anonymous access.
        p.put("s3proxy.authorization", "aws-v2-or-v4");
        p.put("s3proxy.identity", accessKey);
        p.put("s3proxy.credential", secretKey);
        p.put("jclouds.provider", "filesystem");
        p.put("jclouds.filesystem.basedir", blobs().toString());
        ConfigFiles.writeProperties(serverProperties(), p);
        // Without a configuration logback logs every request at DEBUG to stdout.
        ConfigFiles.write(logbackConfig(), """
                <configuration>
                    <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>%s</file>
                        <append>true</append>
                        <encoder>
                            <pattern>%%d{ISO8601} %%-5level [%%thread] %%logger - %%msg%%n</pattern>
                        </encoder>
                    </appender>
                    <root level="WARN">
                        <appender-ref ref="FILE"/>
                    </root>
                </configuration>
                """.formatted(ConfigFiles.xml(serverLog())));
    }
}
