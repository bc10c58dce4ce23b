from walletdesk.kb import search


def _terms(text: str) -> tuple[str, ...]:
    return search.parse(text).terms


def test_synonyms_meet_in_one_term():
    assert _terms("提币") == _terms("提现") == _terms("withdraw") == ("提现",)
    assert _terms("充币") == _terms("充值") == ("充值",)
    assert _terms("gas费") == _terms("矿工费") == ("矿工费",)
    assert _terms("withdrawal") == _terms("withdraw")


def test_wallet_words_stay_whole():
    assert "助记词" in search.terms("请勿泄露助记词")
    assert "usdttrc20" in search.terms("USDT-TRC20 转账")


def test_typo_is_corrected_against_the_vocabulary():
    vocabulary = {"提现": 5, "卡住": 3, "receiv": 2}

    query = search.parse("withdrawl recieve", vocabulary)

    assert query.terms == ("提现", "receiv") or set(query.terms) == {"提现", "receiv"}


def test_unknown_words_are_left_out_instead_of_failing_the_search():
    query = search.parse("提现 xylophone", {"提现": 5})

    assert query.terms == ("提现",)


def test_snippet_escapes_then_marks():
    query = search.parse("提现")

    html = search.snippet("<b>提现</b> 很慢", query)

    assert html == "&lt;b&gt;<mark>提现</mark>&lt;/b&gt; 很慢"


def test_snippets_drop_list_markers_and_numbers():
    body = "Check these:\n\n- the network\n- the address\n1. open the app\n2) tap history"
    text = search.snippet(body, search.parse("network"))
    assert "- " not in text
    assert "1. " not in text
    assert "2) " not in text
    assert "<mark>network</mark>" in text
