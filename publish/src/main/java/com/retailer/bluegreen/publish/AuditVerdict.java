package com.retailer.bluegreen.publish;

import java.util.List;
import java.util.Optional;

/**
 * What {@code audit verify} found: the chain ({@link VerifyResult}, recomputed by {@link ChainVerifier}) and every
 * other problem ({@link AuditProblem}): commits in the ledger's or anchor's history that are not ledger appends,
 * records that do not match their anchor, a missing or truncated ledger. Valid only if the chain is and nothing else
 * was found.
 *
 * @param ledger   the ledger's location
 * @param anchor   the anchor's location
 * @param chain    the chain's verdict over the ledger as stored ({@code Valid(0, genesis)} when there is no ledger)
 * @param problems everything else found, in the order checked: missing, history of the ledger, anchor, history of
 *                 the anchor
 */
public record AuditVerdict(String ledger, String anchor, VerifyResult chain, List<AuditProblem> problems) {

    public AuditVerdict {
        problems = List.copyOf(problems);
    }

    /** A verdict on the chain alone (no history, no anchor). */
    public static AuditVerdict chainOnly(String ledger, VerifyResult chain) {
        return new AuditVerdict(ledger, null, chain, List.of());
    }

    /** Whether the chain verified and nothing else was found. */
    public boolean valid() {
        return chain.valid() && problems.isEmpty();
    }

    /** The chain's break, if it is broken. */
    public Optional<VerifyResult.Broken> chainBreak() {
        return chain instanceof VerifyResult.Broken b ? Optional.of(b) : Optional.empty();
    }

    /** The problems found by {@code check}. */
    public List<AuditProblem> problems(AuditProblem.Check check) {
        return problems.stream().filter(p -> p.check() == check).toList();
    }

    /** Each line of what was found: the chain's break first, then every other problem. */
    public List<String> findings() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        chainBreak().ifPresent(b -> out.add("chain: broken at record " + b.sequence() + ": " + b.reason()));
        problems.forEach(p -> out.add(p.describe()));
        return out;
    }

    /** What to do about what was found: one paragraph per kind of problem. */
    public String advice() {
        StringBuilder sb = new StringBuilder();
        if (chainBreak().isPresent() || !problems(AuditProblem.Check.ANCHOR).isEmpty()) {
            sb.append(PublishErrors.repair(ledger));
        }
        if (!problems(AuditProblem.Check.HISTORY).isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "\n").append(PublishErrors.historyAdvice(ledger, anchor));
        }
        if (!problems(AuditProblem.Check.MISSING).isEmpty()) {
            sb.append(sb.isEmpty() ? "" : "\n").append(PublishErrors.missingAdvice(ledger, anchor));
        }
        return sb.toString();
    }
}
