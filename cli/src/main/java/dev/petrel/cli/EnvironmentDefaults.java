package dev.petrel.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for the shared server options from the environment: {@code --server} from {@code
 * PETREL_SERVER}, {@code --token} from {@code PETREL_TOKEN}. A flag on the command line wins. Tests
 * pass their own map instead of the process environment.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
  private static final Map<String, String> VARIABLES =
      Map.of(
          "--server",
          "PETREL_SERVER",
          "--token",
          "PETREL_TOKEN",
          "--github-token",
          "GITHUB_TOKEN",
          "--github-api",
          "GITHUB_API_URL");

  private final Map<String, String> environment;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    String variable = VARIABLES.get(option.longestName());
    if (variable == null) {
      return null;
    }
    String value = environment.get(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
