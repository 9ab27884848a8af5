package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import com.retailer.bluegreen.publish.PublishErrors;
import com.retailer.bluegreen.publish.Release;
import java.nio.file.Path;

/**
 * What validate, promote and rollback need that can be refused without Spark, so it is, before a session starts:
 * the consumer contract file, who acts ({@link Actor}, never a flag), and the release id ({@code --release-id}, else
 * the one derived from the colour's layout and the git SHA, the same on every re-run of one deployment so a re-run
 * resumes).
 *
 * @param releaseId null for rollback, which returns to a release recorded earlier
 */
record ReleaseInputs(Contract contract, String actor, String releaseId) {

    static ReleaseInputs of(Arguments args, PipelineConfig config) {
        return of(args, config, Actor.ofThisProcess());
    }

    /** As {@link #of(Arguments, PipelineConfig)}, acting as {@code identity}. */
    static ReleaseInputs of(Arguments args, PipelineConfig config, Actor identity) {
        Contract contract = ContractFile.load(Path.of(config.publish().contract()), "publish.contract");
        String actor = identity.toString();
        String releaseId = args.to().map(to -> args.releaseId().orElseGet(() -> defaultReleaseId(config, to,
                args.gitSha()))).orElse(null);
        if (releaseId != null) {
            Release.requireReleaseId(releaseId);
        }
        return new ReleaseInputs(contract, actor, releaseId);
    }

    /**
     * These inputs, if the actor may promote and roll back on this target: where {@code publish.requireTrustedIdentity}
     * is true, only a trusted identity ({@link Actor#trusted()}: the job's run-as principal or CI), refused before
     * Spark starts otherwise (exit 2, nothing written).
     */
    ReleaseInputs requireTrustedIdentity(PipelineConfig config) {
        if (config.publish().requireTrustedIdentity() && !Actor.parse(actor).map(Actor::trusted).orElse(false)) {
            throw PublishErrors.untrustedIdentity(actor, "publish.requireTrustedIdentity");
        }
        return this;
    }

    static String defaultReleaseId(PipelineConfig config, Colour to, String gitSha) {
        return config.layout(to).releaseId(gitSha);
    }
}
