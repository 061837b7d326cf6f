package io.taskshard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of one attempt as a peer reports it. */
public enum Outcome {
    @JsonProperty("success") SUCCESS,
    @JsonProperty("failure") FAILURE,
    /** The runner could not run the task at all (peer-side error). */
    @JsonProperty("error") ERROR
}
