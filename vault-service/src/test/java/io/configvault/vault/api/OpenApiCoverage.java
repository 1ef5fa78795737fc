package io.configvault.vault.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Compares the endpoints a vault routes under {@code /api/} with the operations of its OpenAPI
 * document: every route must be documented, every documented operation must exist, and each one's
 * role (its tag, from {@link Allowed}) and bearer security must match the route's
 * {@code @Allowed}. Routes come from the running router, so new endpoints are checked without a
 * list to maintain.
 */
final class OpenApiCoverage {

    /** The one endpoint without a role: an appliance enrols with its enrolment token. */
    static final Endpoint ENROL = new Endpoint("POST", EnrolmentController.ENROLMENTS);

    private static final Pattern QUERY_VARIABLES = Pattern.compile("\\{[?&][^}]*}");
    private static final Pattern PATH_VARIABLE =
            Pattern.compile("\\{[+#./;]?([A-Za-z0-9_]+)(?::[^}]*)?\\*?}");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private OpenApiCoverage() {
    }

    /** An HTTP method and a path template with plain {@code {name}} variables. */
    record Endpoint(String method, String path) implements Comparable<Endpoint> {

        /** From a Micronaut URI template: {@code {+name}} becomes {@code {name}}, query dropped. */
        static Endpoint ofRoute(String method, String uriTemplate) {
            String path = QUERY_VARIABLES.matcher(uriTemplate).replaceAll("");
            path = PATH_VARIABLE.matcher(path).replaceAll("{$1}");
            return new Endpoint(method.toUpperCase(Locale.ROOT), path);
        }

        @Override
        public int compareTo(Endpoint other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What the document says of one operation: its tags and whether it needs a bearer token. */
    record Documented(List<String> tags, boolean bearer) {
    }

    /** The operations of an OpenAPI document (YAML or JSON). */
    @SuppressWarnings("unchecked")
    static Map<Endpoint, Documented> operations(String document) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(document);
        Map<String, Object> paths = (Map<String, Object>) root.getOrDefault("paths", Map.of());
        Map<Endpoint, Documented> operations = new TreeMap<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> operation = (Map<String, Object>) op;
                List<String> tags = (List<String>) operation.getOrDefault("tags", List.of());
                List<Map<String, Object>> security = (List<Map<String, Object>>)
                        operation.getOrDefault("security", List.of());
                boolean bearer = security.stream()
                        .anyMatch(requirement -> requirement.containsKey(ApiDocument.BEARER));
                operations.put(new Endpoint(method.toUpperCase(Locale.ROOT), path),
                        new Documented(List.copyOf(tags), bearer));
            }
        }));
        return operations;
    }

    /**
     * What is wrong, one sentence per endpoint; empty when document and routes agree.
     *
     * @param routes every routed endpoint under {@code /api/} with its {@code @Allowed} role
     */
    static List<String> problems(Map<Endpoint, Optional<Role>> routes,
                                 Map<Endpoint, Documented> documented) {
        List<String> problems = new ArrayList<>();
        new TreeMap<>(routes).forEach((endpoint, role) -> {
            Documented doc = documented.get(endpoint);
            if (doc == null && isImplicitHead(endpoint, routes)) {
                return;
            }
            if (doc == null) {
                problems.add(endpoint + " is routed but missing from the OpenAPI document.");
            } else if (role.isPresent()) {
                problems.addAll(roleProblems(endpoint, role.get(), doc));
            } else if (!endpoint.equals(ENROL)) {
                problems.add(endpoint + " has no @Allowed role; declare the least role it needs.");
            } else if (doc.bearer()) {
                problems.add(endpoint + " needs no bearer token, but the document says it does.");
            }
        });
        for (Endpoint endpoint : documented.keySet()) {
            if (!routes.containsKey(endpoint)) {
                problems.add(endpoint + " is in the OpenAPI document but the vault does not route"
                        + " it.");
            }
        }
        return problems;
    }

    /** Micronaut answers HEAD for every GET route; the document shows the GET only. */
    private static boolean isImplicitHead(Endpoint endpoint, Map<Endpoint, ?> routes) {
        return endpoint.method().equals("HEAD")
                && routes.containsKey(new Endpoint("GET", endpoint.path()));
    }

    private static Collection<String> roleProblems(Endpoint endpoint, Role role, Documented doc) {
        List<String> problems = new ArrayList<>();
        List<String> roles = doc.tags().stream().filter(OpenApiCoverage::isRole).toList();
        if (!roles.equals(List.of(role.name()))) {
            problems.add(endpoint + " is @Allowed(" + role + ") but documented with role(s) "
                    + roles + ".");
        }
        if (!doc.bearer()) {
            problems.add(endpoint + " needs a bearer token, but the document does not say so.");
        }
        return problems;
    }

    private static boolean isRole(String tag) {
        for (Role role : Role.values()) {
            if (role.name().equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
