package io.taskshard.server.api;

import io.taskshard.store.Store;

/**
 * What the operator API needs from {@code io.taskshard.analysis}: the linear / parallel /
 * sharded comparison of a job and its Chrome trace, as JSON-ready values.
 */
interface JobAnalysis {

    Object comparison(Store.JobDetail job);

    Object trace(Store.JobDetail job);

    // TODO(api): replace with Comparisons.of(JobView) / ChromeTrace.of(JobView) once branch `analysis` lands.
    JobAnalysis NOT_YET = new JobAnalysis() {
        @Override
        public Object comparison(Store.JobDetail job) {
            throw new ApiException(501, ApiException.NOT_IMPLEMENTED, "the job comparison is not available yet");
        }

        @Override
        public Object trace(Store.JobDetail job) {
            throw new ApiException(501, ApiException.NOT_IMPLEMENTED, "the job trace is not available yet");
        }
    };
}
