package dev.runyard.core.plan;

import java.util.List;

/**
 * The command that runs a plan, and why each setting has its value ({@code -ngl} from the placement, the
 * tensor-parallel size from the smallest group that holds the context, …). {@code runnable} is false when the text is
 * a comment explaining why no command can be given (unsupported engine, no artifact known).
 */
public record LaunchCommand(String text, boolean runnable, List<String> why) {
    public LaunchCommand {
        why = List.copyOf(why);
    }

    static LaunchCommand refusal(String reason) {
        return new LaunchCommand("# " + reason, false, List.of(reason));
    }
}
