package io.configvault.vault.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs a request again (SigV4, payload signed) after {@link S3FaultProxy} took headers out of
 * it: SigV4 signs them, so the server would otherwise refuse the request.
 */
final class RequestResigner {

    private static final Set<String> RESIGNED_AWAY = Set.of("authorization", "x-amz-date",
            "x-amz-content-sha256", "content-length", "content-encoding",
            "x-amz-decoded-content-length", "x-amz-trailer", "x-amz-sdk-checksum-algorithm",
            "host");

    private final URI upstream;
    private final AwsCredentialsIdentity credentials;
    private final String region;

    RequestResigner(URI upstream, AwsCredentialsIdentity credentials, String region) {
        this.upstream = upstream;
        this.credentials = credentials;
        this.region = region;
    }

    /** Signs the request again without the {@code dropped} headers. */
    List<String[]> resign(String requestLine, List<String[]> headers, byte[] body,
                          Set<String> dropped) {
        String[] parts = requestLine.split(" ");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(parts[0]))
                .uri(URI.create(upstream + parts[1]));
        for (String[] h : headers) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (!RESIGNED_AWAY.contains(name) && !dropped.contains(name)
                    && !h[0].equalsIgnoreCase("expect") && !h[0].equalsIgnoreCase("connection")
                    && !h[0].equalsIgnoreCase("transfer-encoding")) {
                request.appendHeader(h[0], h[1]);
            }
        }
        request.putHeader("Content-Length", Integer.toString(body.length));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        List<String[]> result = new ArrayList<>();
        signed.request().forEachHeader((name, values) -> values.forEach(
                v -> result.add(new String[] {name, v})));
        if (HttpWire.header(result, "host") == null) {
            result.add(new String[] {"Host", upstream.getHost() + ":" + upstream.getPort()});
        }
        return result;
    }
}
