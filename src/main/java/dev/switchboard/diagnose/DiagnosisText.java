package dev.switchboard.diagnose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/** A diagnosis as plain text (one block per step, then the verdict) and as JSON; neither holds a secret. */
public final class DiagnosisText {
    private DiagnosisText() {
    }

    /** One step: "2. Provider, model and access — failed", its summary, and its evidence indented. */
    public static String step(StepResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.step().number()).append(". ").append(r.step().title()).append(" — ").append(r.status().label())
                .append(System.lineSeparator());
        sb.append("   ").append(r.summary()).append('.').append(System.lineSeparator());
        for (String e : r.evidence()) {
            sb.append("     · ").append(e).append(System.lineSeparator());
        }
        return sb.toString();
    }

    public static String verdict(Diagnosis d) {
        StringBuilder sb = new StringBuilder("Verdict: ").append(d.verdict()).append(System.lineSeparator());
        if (d.modelListFix() != null) {
            sb.append("Fix offered: ").append(d.modelListFix().description()).append('.').append(System.lineSeparator());
        }
        return sb.toString();
    }

    public static ObjectNode json(Diagnosis d) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("model", d.request().model().toString());
        root.put("surface", d.request().surface().apiName());
        if (d.request().keyId() != null) {
            root.put("accessKeyId", d.request().keyId());
        }
        root.put("works", d.works());
        root.put("verdict", d.verdict());
        if (d.action() != null) {
            root.set("action", action(d.action()));
        }
        ArrayNode steps = root.putArray("steps");
        for (StepResult r : d.steps()) {
            ObjectNode s = steps.addObject();
            s.put("number", r.step().number());
            s.put("step", r.step().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            s.put("title", r.step().title());
            s.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            s.put("summary", r.summary());
            ArrayNode evidence = s.putArray("evidence");
            r.evidence().forEach(evidence::add);
            if (r.action() != null) {
                s.set("action", action(r.action()));
            }
        }
        if (d.modelListFix() != null) {
            ObjectNode fix = root.putObject("modelListFix");
            fix.put("providerId", d.modelListFix().providerId());
            fix.put("description", d.modelListFix().description());
            d.modelListFix().models().forEach(fix.putArray("models")::add);
        }
        return root;
    }

    private static ObjectNode action(Action a) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("target", a.target().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        node.put("label", a.label());
        if (a.subjectId() != null) {
            node.put("subjectId", a.subjectId());
        }
        return node;
    }
}
