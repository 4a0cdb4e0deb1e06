#!/usr/bin/env python3
"""Pulls a study's results from the tunelab API: the runs, the leaderboard and mean ± std per method.

    TUNELAB_URL=http://127.0.0.1:4000 TUNELAB_TOKEN=$(cat data/admin-token) python3 examples/scripts/study_results.py <study id>

Standard library only (urllib), so it runs with any Python 3.8+. Add --json for machine-readable output.
"""
import json
import os
import sys
import urllib.error
import urllib.request

QUERY = """
query ($id: ID!) {
  study(id: $id) { id name primaryMetric runs { id method seed status finalMetrics } }
  leaderboard(studyId: $id) { metric rows { rank method seed value run { id } } }
  studyAnalysis(studyId: $id) { qualityMetric methods { method label seeds quality { mean std n } } }
}
"""


def graphql(url, token, query, variables):
    request = urllib.request.Request(
        url,
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:  # the API answers errors as JSON too
        body = json.load(error)
    if body.get("errors"):
        raise RuntimeError("; ".join(f"{e.get('extensions', {}).get('code')}: {e['message']}" for e in body["errors"]))
    return body["data"]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1 or not os.environ.get("TUNELAB_TOKEN"):
        print("usage: TUNELAB_TOKEN=... study_results.py <study id> [--json]", file=sys.stderr)
        return 2
    base = os.environ.get("TUNELAB_URL", "http://127.0.0.1:4000").rstrip("/")
    url = base if base.endswith("/graphql") else base + "/graphql"
    try:
        data = graphql(url, os.environ["TUNELAB_TOKEN"], QUERY, {"id": args[0]})
    except urllib.error.URLError as error:
        print(f"cannot reach {url}: {error.reason}", file=sys.stderr)
        return 3
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    if "--json" in argv:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    study, board = data["study"], data["leaderboard"]
    print(f"study {study['name']} ({study['id']})")
    for run in study["runs"]:
        value = (run["finalMetrics"] or {}).get(study["primaryMetric"])
        print(f"  {run['method']:<10} seed {run['seed']:<4} {run['status']:<10} {'' if value is None else f'{value:.4f}'}")
    print(f"leaderboard by {board['metric']}")
    for row in board["rows"]:
        print(f"  {row['rank']}. {row['method']:<10} seed {row['seed']:<4} {row['value']:.4f}")
    print(f"per method ({data['studyAnalysis']['qualityMetric']}, mean ± std over seeds)")
    for method in data["studyAnalysis"]["methods"]:
        quality = method["quality"]
        std = "" if quality["std"] is None else f" ± {quality['std']:.4f}"
        mean = "—" if quality["mean"] is None else f"{quality['mean']:.4f}"
        print(f"  {method['label']:<32} {mean}{std}  ({quality['n']} seeds)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
