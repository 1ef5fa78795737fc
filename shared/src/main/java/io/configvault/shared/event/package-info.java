/**
 * The snapshot event, format version 1: how a sealed snapshot travels over Kafka as ordered
 * segments. This package knows records only as key, headers and value bytes, so it depends on no
 * Kafka client; the services' Kafka adapters translate. See docs/design.md, "Event format".
 */
package io.configvault.shared.event;
