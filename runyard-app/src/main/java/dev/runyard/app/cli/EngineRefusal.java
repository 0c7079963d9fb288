package dev.runyard.app.cli;

import dev.runyard.app.catalog.EngineMatrix;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import java.util.ArrayList;
import java.util.List;

/** The one-line refusal of an engine the sources say cannot run a model: why, and the engines that can. */
final class EngineRefusal {
    private EngineRefusal() {
    }

    static RunyardException of(CatalogModel m, Engine e) {
        String type = m.arch() == null ? null : m.arch().modelType();
        String why = "catalog: not supported";
        List<String> can = new ArrayList<>();
        List<EngineMatrix.Support> row = type == null ? List.of() : EngineMatrix.bundled().of(type);
        for (EngineMatrix.Support s : row) {
            if (s.engine().equals(e.key()) && s.note() != null) {
                why = firstSentence(s.note());
            }
        }
        for (Engine x : Engine.values()) {
            if (Boolean.TRUE.equals(m.engines().get(x.key()))) {
                String since = row.stream().filter(s -> s.engine().equals(x.key()) && s.since() != null)
                        .map(s -> " (since " + s.since() + ")").findFirst().orElse("");
                can.add(x.key() + since);
            }
        }
        return RunyardException.badInput(e.key() + " cannot run " + m.id() + " (" + why + ")",
                can.isEmpty() ? "no engine is recorded as supporting it" : "engines that can: " + String.join(", ", can));
    }

    /** The note's first sentence, so the refusal stays one line. */
    static String firstSentence(String note) {
        String one = note.replace('\n', ' ').strip();
        int dot = one.indexOf(". ");
        return dot > 0 ? one.substring(0, dot) : one;
    }
}
