package io.configvault.local.manifests;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.io.IOException;
import java.util.Map;

/**
 * Checks a Kubernetes object against the API's schema, as the official Java client's models
 * (generated from the Kubernetes OpenAPI document of its release) declare it: an unknown field
 * anywhere, a missing required field or a value of the wrong JSON type fails with the field's
 * name. The kinds {@code deploy/kubernetes} uses; another kind fails.
 */
final class KubernetesSchema {

    private static final Gson GSON = new Gson();

    private KubernetesSchema() {
    }

    /** @throws IOException naming the field, when {@code object} does not fit its schema */
    static void validate(Map<String, Object> object) throws IOException {
        JsonElement json = GSON.toJsonTree(object);
        String kind = object.get("apiVersion") + " " + object.get("kind");
        switch (kind) {
            case "v1 Namespace" -> V1Namespace.validateJsonElement(json);
            case "v1 ServiceAccount" -> V1ServiceAccount.validateJsonElement(json);
            case "v1 ConfigMap" -> V1ConfigMap.validateJsonElement(json);
            case "v1 Secret" -> V1Secret.validateJsonElement(json);
            case "v1 Service" -> V1Service.validateJsonElement(json);
            case "apps/v1 StatefulSet" -> V1StatefulSet.validateJsonElement(json);
            case "networking.k8s.io/v1 NetworkPolicy" -> V1NetworkPolicy.validateJsonElement(json);
            default -> throw new IOException("Cannot validate " + kind + ": no schema for it");
        }
    }
}
