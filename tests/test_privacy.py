from generator.privacy import scan, valid_resident_id


def test_check_digit():
    assert valid_resident_id("11010519491231002X")
    assert valid_resident_id("110105194912310021") is False
    assert valid_resident_id("１１０１０５１９４９１２３１００２Ｘ")


def test_mobile_number_forms():
    text = "甲13812345678 乙+86 138-1234-5678 丙138 1234 5678 丁１３８１２３４５６７８ 戊+8613812345678"
    assert [(h.kind, h.masked) for h in scan(text)] == [("手机号码", "138****5678")] * 5


def test_not_personal_numbers():
    # dates, short numbers, a longer digit run, a landline, an ID with a wrong check digit
    text = "2024-03-12 共103名 138123456789 0523-88888888 110105194912310021 12812345678"
    assert scan(text) == []


def test_id_inside_student_number_and_masked():
    hits = scan("学籍号G11010519491231002X")
    assert [(h.index, h.kind, h.masked) for h in hits] == [(4, "身份证号码", "110*************2X")]
