package io.configvault.vault.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * {@code vault.appliances[n].*}: an appliance enrolled by configuration (the local stack uses
 * this; enrolment by token comes with the capture agent's enrolment flow).
 *
 * @param id            appliance id
 * @param fleet         fleet it belongs to
 * @param publicKeyFile its armored OpenPGP public key, which must sign its snapshots
 */
@EachProperty(value = "vault.appliances", list = true)
public record EnrolledAppliance(@Parameter Integer index, @NotBlank String id,
                                @NotBlank String fleet, @NotNull Path publicKeyFile) {
}
