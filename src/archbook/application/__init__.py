"""archbook's use cases, one package per capability.

``layers`` scans a repository and sorts its modules into layers; ``code_facts`` reads
the FastAPI facts (routes, wiring, ports, adapters); ``tracing`` follows a request
through them and lints it for speed; ``drawing`` turns analyses and traces into
drawings; ``planning`` drafts, validates and writes feature plans; ``workshop``
serves the notebooks (recent repositories, planning copies, review reports).
``ports`` holds the interfaces the adapters implement.
"""
