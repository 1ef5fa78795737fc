/**
 * Command-line entry points for operators on the appliance, beside the agent service: taking a
 * manual snapshot through the running agent's loopback API. JDK only; no application context.
 */
package io.configvault.capture.cli;
