package dev.runyard.app.cli;

import dev.runyard.core.estimate.LlamaCppEstimator;
import dev.runyard.core.speed.SpeedModel;
import java.util.List;

/** Not a test: a class in {@code cli} that breaks the surface rule, so LayeringTest can show the rule catches it. */
final class BreaksTheSurfaceRule {
    private BreaksTheSurfaceRule() {
    }

    static List<Class<?>> reachesPastThePlanner() {
        return List.of(SpeedModel.class, LlamaCppEstimator.class);
    }
}
