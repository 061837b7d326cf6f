package io.taskshard.model;

import java.util.List;

/** The state of one repository a peer has checked out: base ref plus the patchsets on top. */
public record RepoEntry(String baseRef, String patchset, List<String> additionalPatchsets) {
    public RepoEntry {
        additionalPatchsets = List.copyOf(additionalPatchsets == null ? List.of() : additionalPatchsets);
    }
}
