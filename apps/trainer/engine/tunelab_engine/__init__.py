"""tunelab's training engine. `python -m tunelab_engine run --spec run.json [--resume]`; see docs/engine-protocol.md."""

import os

# The engine never downloads: models come from a local directory or the HF cache. Set before transformers or
# huggingface_hub are imported anywhere, since both read these once at import.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# The tokenizers library's thread pool warns (and may deadlock) after a fork; the engine tokenises once anyway.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

__version__ = "0.1.0"
