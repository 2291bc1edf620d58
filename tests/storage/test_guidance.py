"""Guidance is chosen by the part the person says they play on their loop map, in one place
(content's Knowledge.guidance), and storage asks it with the map's role."""

from __future__ import annotations

from datetime import date

import pytest

from content import knowledge


def _map(journal, role: str) -> None:
    sides = {"trigger": "", "move": "", "tells_self": "", "surface": "", "underneath": "",
             "longing": ""}
    journal.loop.save_map({"pattern": "pursue_withdraw", "my_role": role, "me": sides,
                           "them": sides})


def test_no_map_means_unsure(journal):
    assert journal.loop.my_role() == "unsure"
    assert journal.loop.guidance().role == "unsure"


@pytest.mark.parametrize("role", ["pursuer", "withdrawer", "unsure"])
def test_the_newest_map_decides(journal, role):
    _map(journal, "pursuer")
    _map(journal, role)
    assert journal.loop.my_role() == role
    assert journal.loop.guidance() == knowledge().guidance(role)


def test_each_role_gets_its_own_words():
    k = knowledge()
    reaches, steps_back, unsure = (k.guidance(r) for r in ("pursuer", "withdrawer", "unsure"))
    openers = {r: {f.critical for f in g.reframes} for r, g in
               (("p", reaches), ("w", steps_back), ("u", unsure))}
    assert "You never talk to me." in openers["p"] and "You never talk to me." not in openers["w"]
    assert "I don't want to talk about it." in openers["w"]
    assert "I don't want to talk about it." not in openers["p"]
    # someone not sure sees only what fits either, and both roles see that too
    assert openers["u"] and openers["u"] <= openers["p"] & openers["w"]
    assert reaches.calm.intro != steps_back.calm.intro != unsure.calm.intro
    assert reaches.calm.minutes == steps_back.calm.minutes == 15
    assert reaches.thought_prompts["story"] != steps_back.thought_prompts["story"]


def test_a_shared_reason_is_worded_for_the_one_who_reads_it():
    k = knowledge()
    theirs = {r.key: r.alternative for r in k.guidance("pursuer").reasons}
    mine = {r.key: r.alternative for r in k.guidance("withdrawer").reasons}
    either = {r.key: r.alternative for r in k.guidance("unsure").reasons}
    for key in ("overwhelmed", "misunderstood", "uncertain"):
        assert len({theirs[key], mine[key], either[key]}) == 3, key
    assert mine["overwhelmed"].startswith("I")
    assert "missing_you" in mine and "missing_you" not in theirs
    # what both partners may live through is there for someone not sure which they are,
    # worded for them too (the reasons an offer answers among them)
    for key in ("work_pressure", "exhaustion", "shame", "avoiding_conflict",
                *k.small_things.offer.suggest_for):
        assert len({theirs[key], mine[key], either[key]}) == 3, key
    roles = k.keys("roles")
    assert all(set(r.roles) != roles for r in k.reasons), "written for anyone: no roles"
    assert "fear_of_closeness" in theirs and "fear_of_closeness" not in mine


def test_no_calm_words_promise_safety():
    k = knowledge()
    for role in ("pursuer", "withdrawer", "unsure"):
        calm = k.guidance(role).calm
        for text in (calm.intro, calm.closing, *calm.steps):
            assert "safe" not in text.lower(), text


def test_the_small_thing_follows_the_role(journal):
    today = date(2025, 3, 3)
    _map(journal, "withdrawer")
    seen = {journal.review.small_thing(today, skip=n).key for n in range(40)}
    allowed = {a.key for a in knowledge().guidance("withdrawer").small_actions}
    assert seen == allowed
    assert "offer_space" not in seen and "say_when_you_will_be_back" in seen


def test_an_unknown_role_in_a_guidance_tag_is_refused():
    from content import load
    from content.models import ContentError, Knowledge, build

    data = load()
    data["reframes"][0]["roles"] = ["chaser"]
    with pytest.raises(ContentError, match="unknown role 'chaser'"):
        build(Knowledge, data)
