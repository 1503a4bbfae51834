"""Shared by every report: where the files go, the running images' digests,
and digests derived from fixed labels."""

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# The running images, as the Pod list has them.
XJOIN = "sha256:97e6d5aeed19f627205b218f45b284cd01ff658dd181416ab1d3e21aeb28d68e"
NGINX = "sha256:32fdf92b4e986e109e4db0865758020cb0c3b70d6ba80d02fe87bad5cc3dc228"
UBUNTU = "sha256:f78909c2b360d866b3220655c0b079838258b8891a12ac25fc670f0cbb54229f"
PYTHON = "sha256:56e428bb95594df86c86d62aa7b6ca5827ecf23a2a1e933288cba950d394fdbf"


def hexdigest(label):
    return hashlib.sha256(("kubesight example: " + label).encode()).hexdigest()


def digest(label):
    return "sha256:" + hexdigest(label)


def write(name, document):
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    path = HERE / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")


def read(name):
    """A committed file of the environment, as JSON."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


