"""The held-out attacker set: recall and false positives, printed (``-s``) and bounded."""

import pytest

from walletdesk.chain.secret_guard import SecretFinding, find_secret_requests, find_secrets
from walletdesk.chain.tests.heldout_shapes import REQUESTS, SHAPES, Shape


def _covered(shape: Shape, findings: list[SecretFinding]) -> bool:
    for secret in shape.secrets:
        start = shape.text.index(secret)
        end = start + len(secret)
        if not any(f.start <= start and end <= f.end for f in findings):
            # Several findings may cover one secret between them (a key split over two lines
            # is one finding, but a phrase may be reported as adjacent pieces).
            inside = sorted((f.start, f.end) for f in findings if f.end > start and f.start < end)
            reach = start
            for a, b in inside:
                if a > reach and shape.text[reach:a].strip():
                    return False
                reach = max(reach, b)
            if reach < end:
                return False
    return len(findings) >= len(shape.secrets)


def test_heldout_shapes(capsys: pytest.CaptureFixture[str]) -> None:
    secret_shapes = [s for s in SHAPES if s.secrets]
    clean_shapes = [s for s in SHAPES if not s.secrets]
    missed = [s.label for s in secret_shapes if not _covered(s, find_secrets(s.text))]
    flagged = [s.label for s in clean_shapes if find_secrets(s.text)]
    asking = [text for text, asks in REQUESTS if asks]
    request_missed = [text for text in asking if not find_secret_requests(text)]
    request_flagged = [text for text, asks in REQUESTS if not asks and find_secret_requests(text)]
    recall = 1 - len(missed) / len(secret_shapes)
    with capsys.disabled():
        print(
            f"\nheld-out shapes: {len(secret_shapes)} secret, {len(clean_shapes)} clean; "
            f"recall {recall:.3f}, false positives {len(flagged)}/{len(clean_shapes)}"
            f"\n  missed: {missed}\n  flagged: {flagged}"
            f"\nheld-out requests: {len(asking)} asking, {len(REQUESTS) - len(asking)} ordinary; "
            f"missed {request_missed}, flagged {request_flagged}"
        )

    assert len(secret_shapes) >= 50
    assert recall >= 0.95
    assert flagged == []
    assert request_missed == []
    assert request_flagged == []
