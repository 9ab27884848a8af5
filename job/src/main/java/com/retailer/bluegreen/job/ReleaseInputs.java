package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Actor;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
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
        Contract contract = ContractFile.load(Path.of(config.publish().contract()), "publish.contract");
        String actor = Actor.ofThisProcess().toString();
        String releaseId = args.to().map(to -> args.releaseId().orElseGet(() -> defaultReleaseId(config, to,
                args.gitSha()))).orElse(null);
        if (releaseId != null) {
            Release.requireReleaseId(releaseId);
        }
        return new ReleaseInputs(contract, actor, releaseId);
    }

    static String defaultReleaseId(PipelineConfig config, Colour to, String gitSha) {
        return config.layout(to).releaseId(gitSha);
    }
}
