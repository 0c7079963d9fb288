/**
 * The output records every surface serialises: the CLI's {@code --json} and the JSON API write the same records
 * (snake_case keys, bytes as integers with a {@code _bytes} suffix, speeds with {@code _tokens_per_s}), each built
 * from a {@link dev.runyard.core.plan.RunPlan} and nothing else. Their JSON Schemas live in {@code docs/schema/}.
 */
package dev.runyard.app.api;
