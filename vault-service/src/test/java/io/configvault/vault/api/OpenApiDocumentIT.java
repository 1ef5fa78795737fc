package io.configvault.vault.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.api.OpenApiCoverage.Endpoint;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI check of the OpenAPI document: the document the vault serves names exactly the
 * endpoints its router knows under {@code /api/}, each with the role of its {@code @Allowed};
 * the rendered documentation is served without a token, loads nothing from elsewhere, and the
 * documentation paths give out nothing but the document and the page.
 */
@ExtendWith(StackExtension.class)
class OpenApiDocumentIT {

    static final String NAME = "vault-openapi-" + UUID.randomUUID().toString().substring(0, 8);
    static final String DOCUMENT = "/openapi/configvault.yml";
    static final String PAGE = "/openapi/views/redoc/index.html";

    @TempDir
    static Path dir;

    static EmbeddedServer server;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        server = ApplicationContext.run(EmbeddedServer.class,
                new TestVault(stack, dir, NAME).withoutEscrow().config);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void theServedDocumentNamesEveryRoutedEndpointWithItsRole() throws Exception {
        HttpResponse<byte[]> document = VaultHttp.get(server, DOCUMENT, null);
        assertThat(document.statusCode()).isEqualTo(200);
        String yaml = new String(document.body(), StandardCharsets.UTF_8);
        try (InputStream built = OpenApiDocumentIT.class.getResourceAsStream(
                "/META-INF/swagger/configvault.yml")) {
            assertThat(built).as("the document generated at compile time").isNotNull();
            assertThat(new String(built.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(yaml);
        }

        Map<Endpoint, Optional<Role>> routes = new TreeMap<>();
        server.getApplicationContext().getBean(Router.class).uriRoutes()
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/api/"))
                .forEach(route -> routes.put(
                        Endpoint.ofRoute(route.getHttpMethodName(),
                                route.getUriMatchTemplate().toString()),
                        route.getAnnotationMetadata().enumValue(Allowed.class, Role.class)));

        assertThat(routes).as("routes under /api/").hasSizeGreaterThan(10)
                .containsKey(OpenApiCoverage.ENROL);
        assertThat(OpenApiCoverage.problems(routes, OpenApiCoverage.operations(yaml)))
                .as("differences between the router and the OpenAPI document").isEmpty();
    }

    @Test
    void theDocumentDescribesBearerSecurityAndProblemAnswers() throws Exception {
        String yaml = text(VaultHttp.get(server, DOCUMENT, null));
        assertThat(yaml).contains("openapi: 3.1.0", "type: http", "scheme: bearer",
                "application/problem+json", "$ref: \"#/components/schemas/Problem\"");
    }

    @Test
    void theRenderedDocumentationIsServedWithoutATokenAndLoadsNothingFromElsewhere()
            throws Exception {
        HttpResponse<byte[]> page = VaultHttp.get(server, PAGE, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        String html = text(page);
        assertThat(html).contains("'" + DOCUMENT + "'",
                "\"/openapi/views/redoc/res/redoc.standalone.js\"");
        assertThat(html).doesNotContain("http://", "https://", "//cdn", "unpkg", "jsdelivr");

        HttpResponse<byte[]> script =
                VaultHttp.get(server, "/openapi/views/redoc/res/redoc.standalone.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body().length).isGreaterThan(100_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi/../application.yml", "/openapi/%2e%2e/application.yml",
        "/openapi/..%2fapplication.yml", "/openapi/%2e%2e%2flogback.xml",
        "/openapi/views/../../logback.xml", "/openapi/%252e%252e/application.yml",
        "/openapi/application.yml", "/openapi/../io/configvault/vault/Application.class",
        "/openapi/", "/openapi/views/"})
    void theDocumentationPathsGiveOutNothingElse(String path) throws Exception {
        HttpResponse<byte[]> answer = VaultHttp.get(server, path, null);
        // A directory inside META-INF/swagger answers 200 with an empty body: nothing either.
        if (answer.statusCode() == 200) {
            assertThat(answer.body()).as(path).isEmpty();
        } else {
            assertThat(answer.statusCode()).as(path + ": " + text(answer)).isIn(400, 401, 404);
        }
        assertThat(text(answer)).doesNotContain("micronaut:", "vault:", "<configuration",
                "secret", "token");
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
