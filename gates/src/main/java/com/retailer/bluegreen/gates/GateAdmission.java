package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ReleaseRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gates' admission of a promotion: the candidate colour's latest gate report in the audit ledger (a
 * {@code VALIDATE} record) must be of the generation now running, of the release and the artifact (git SHA) being
 * promoted, judged by thresholds no looser than the ones deployed now, have passed every gate, and be younger than
 * {@code maxAge}. Otherwise the promotion is refused, saying which rule and why, or what is missing.
 */
public final class GateAdmission implements Admission {
    private final Map<Colour, Integer> generations;
    private final Duration maxAge;
    /** The thresholds deployed now; null only in tests of the other rules. */
    private final GateThresholds deployed;

    /**
     * @param generations each colour's configured generation: a report of an earlier generation admits nothing
     * @param maxAge      how old a passing report may be ({@code gates.maxReportAge})
     * @param deployed    the thresholds configured now ({@code gates.*}): a report judged more leniently admits nothing
     */
    public GateAdmission(Map<Colour, Integer> generations, Duration maxAge, GateThresholds deployed) {
        this.generations = Map.copyOf(generations);
        this.maxAge = maxAge;
        this.deployed = java.util.Objects.requireNonNull(deployed, "deployed");
    }

    /** Without a threshold check: for tests of the other rules only. */
    GateAdmission(Map<Colour, Integer> generations, Duration maxAge) {
        this.generations = Map.copyOf(generations);
        this.maxAge = maxAge;
        this.deployed = null;
    }

    @Override
    public Map<String, String> admit(Promotion promotion, List<AuditRecord> reports, Instant now) {
        Colour to = promotion.to();
        int generation = generations.get(to);
        Optional<AuditRecord> latest = reports.stream().filter(r -> to.id().equals(r.toColour()))
                .reduce((a, b) -> b);
        if (latest.isEmpty()) {
            throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " refused: the audit ledger has"
                    + " no gate report for " + to.id() + ". Run validate --candidate " + to.id() + " first; promote"
                    + " accepts a passing report younger than " + maxAge + " (gates.maxReportAge). Nothing was"
                    + " changed.");
        }
        AuditRecord record = latest.get();
        GateReport report = GateReport.fromJson(record.details());
        String which = "The latest gate report for " + to.id() + " (audit record " + record.sequence() + ", "
                + record.at() + ")";
        if (report.candidateGeneration() != generation) {
            throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " refused: " + which + " is of"
                    + " generation " + report.candidateGeneration() + ", but generation " + generation + " is"
                    + " running. Run validate --candidate " + to.id() + " again. Nothing was changed.");
        }
        if (!report.releaseId().equals(promotion.releaseId())) {
            throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " release "
                    + promotion.releaseId() + " refused: " + which + " judged release " + report.releaseId()
                    + ", not this one. Run validate --candidate " + to.id() + " --release-id "
                    + promotion.releaseId() + " first. Nothing was changed.");
        }
        if (!record.gitSha().equals(promotion.gitSha())) {
            throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " refused: " + which + " was"
                    + " made by the artifact of git SHA " + record.gitSha() + ", but the one promoting is "
                    + promotion.gitSha() + ". Gate evidence is bound to the artifact it judged: run validate with"
                    + " the artifact you promote. Nothing was changed.");
        }
        if (deployed != null) {
            List<String> looser = report.thresholds() == null ? List.of("it records no thresholds (it predates"
                    + " them)") : report.thresholds().looserThan(deployed);
            if (!looser.isEmpty()) {
                throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " refused: " + which + " was"
                        + " judged by thresholds looser than the configuration deployed now: "
                        + String.join("; ", looser) + ". Run validate --candidate " + to.id() + " again under the"
                        + " deployed configuration. Nothing was changed.");
            }
        }
        if (!report.passed()) {
            String why = report.firstFailure().map(f -> "the " + f.gate() + " gate failed: "
                    + (f.failures().isEmpty() ? f.verdict().name() : f.failures().get(0)))
                    .orElse("gates " + report.missingGates() + " did not run");
            throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " refused: " + which
                    + " did not pass; " + why + ". Fix the candidate and run validate --candidate " + to.id()
                    + " again. Nothing was changed.");
        }
        Duration age = Duration.between(record.at(), now);
        if (age.compareTo(maxAge) > 0) {
            throw ReleaseRefusedException.notValidated("Promotion of " + to.id() + " refused: " + which + " passed"
                    + " but is " + age.withNanos(0) + " old, older than gates.maxReportAge " + maxAge + ". Run"
                    + " validate --candidate " + to.id() + " again. Nothing was changed.");
        }
        Map<String, String> admitted = new LinkedHashMap<>();
        admitted.put("kind", "gates");
        admitted.put("reportSequence", Long.toString(record.sequence()));
        admitted.put("reportHash", record.hash());
        admitted.put("reportAt", record.at().toString());
        admitted.put("candidateGeneration", Integer.toString(generation));
        return admitted;
    }
}
