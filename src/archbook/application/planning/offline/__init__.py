"""The deterministic offline planner: learns the repository's conventions from its
closest existing feature and composes a plan from recipes (new feature, slow endpoint,
question), with code sketches that follow those conventions. No key, no network."""
