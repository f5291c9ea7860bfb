"""One name matcher: import detection and the search's mention finder must agree on what a text names.

Both ask :mod:`archive.names` (the rules in ``normalise.py``, the matching in ``matcher.py``);
did-you-mean strips the same generic words. What is compared is the set of entity ids *named in
the text*: detection also suggests the region of a place found (``Found.via``), a derived entity
the text need not name, so only the entities it found directly (``mentions > 0``) are compared.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from archive.names.detect import Detection, DetectionIndex, detect
from archive.names.matcher import NameMatcher
from archive.names.normalise import cyrillic_stem, normalise_name, text_keys, without_generic_words, word_of
from archive.read.gazetteer import Gazetteer
from archive.read.loader import load_archive
from archive.search.documents import MentionFinder, plain_text
from archive.search.text import TermPipeline

REPO = Path(__file__).resolve().parents[2]


def _corpus_module():
    """``tests/fixtures/corpus/make_corpus.py``, loaded once per process (the search and contrib tests share it)."""
    name = "archive_test_corpus"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, REPO / "tests" / "fixtures" / "corpus" / "make_corpus.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_archive():
    return load_archive(REPO / "content")


@pytest.fixture(scope="module")
def gazetteer(sample_archive) -> Gazetteer:
    return sample_archive.gazetteer


@pytest.fixture(scope="module")
def index(gazetteer) -> DetectionIndex:
    return DetectionIndex.build(gazetteer)


@pytest.fixture(scope="module")
def finder(gazetteer) -> MentionFinder:
    return MentionFinder(gazetteer, TermPipeline(cyrillic=True))


def article_texts(sample_archive) -> dict[str, str]:
    """Each published article of the sample as the search reads it for mentions."""
    texts = {}
    for article in sample_archive.published():
        title = article.title if not article.title_original else f"{article.title} {article.title_original}"
        claimed = " ".join(c.claim for c in article.claims)
        publishers = " ".join(s.publisher for s in article.sources)
        texts[article.id] = f"{title}\n{article.summary or ''}\n{plain_text(article.body)}\n{claimed}\n{publishers}"
    return texts


def corpus_texts() -> list[str]:
    """The 3,000 generated reports as ``archive import`` reads them (title, blank line, body)."""
    return [f"{r['title']}\n\n{r['body']}" for r in _corpus_module().generate()]


def named(detection: Detection) -> set[str]:
    """The entities detection found in the text itself (not the regions it adds for a place)."""
    sections = (detection.regions, detection.places, detection.actors, detection.also_mentioned)
    return {found.id for section in sections for found in section if found.mentions}


def disagreements(texts: dict[str, str], index: DetectionIndex, find) -> list[str]:
    out = []
    for key, text in texts.items():
        by_import, by_search = named(detect(text, index)), set(find(text))
        if by_import != by_search:
            out.append(f"{key}: import only {sorted(by_import - by_search)}, search only {sorted(by_search - by_import)}")
    return out


# -- import and search agree ---------------------------------------------------------------------


def test_import_and_search_find_the_same_entities_in_every_sample_article(sample_archive, index, finder):
    texts = article_texts(sample_archive)
    assert len(texts) == 10
    assert disagreements(texts, index, finder.find) == []


def test_import_and_search_find_the_same_entities_in_every_generated_report(index, finder):
    texts = dict(enumerate(corpus_texts()))
    assert len(texts) == 3000
    assert disagreements(texts, index, finder.find) == []


def test_import_finds_what_the_one_matcher_names_in_every_text(sample_archive, gazetteer, index):
    """Detection adds and drops nothing of the matcher's answer (what the search is to use)."""
    texts = {**article_texts(sample_archive), **dict(enumerate(corpus_texts()))}
    matcher = NameMatcher.build(gazetteer)
    assert disagreements(texts, index, matcher.mentions) == []
    assert sum(1 for text in texts.values() if matcher.mentions(text)) > 2500


# -- one set of rules ----------------------------------------------------------------------------

#: Inflected forms of names of the gazetteer, one name a line: each line must give one stem.
PARADIGMS = """\
Київ Києва Києві Києвом
Харків Харкова Харкові Харковом
Львів Львова Львові
Чернігів Чернігова Чернігові
Ріг Рогу
Белгород Белгорода Белгороде Белгородом
Белгородская Белгородской Белгородскую Белгородскою
область области областью
Бєлгородська Бєлгородської Бєлгородську Бєлгородською
області областю
Россия России Россией Россию
Росія Росії Росією Росію
Украина Украины Украине Украиной Украину
Україна України Україні Україною Україну
Вооружённые Вооружённых Вооружёнными Вооружённым
Збройні Збройних Збройним Збройними
Министерство Министерства Министерству Министерством
Міністерство Міністерства Міністерству Міністерством
Курск Курска Курске Курском
Суджа Суджи Судже Суджу Суджей
Херсон Херсона Херсоні Херсоном
Маріуполь Маріуполя Маріуполі Маріуполем
Харьков Харькова Харькове Харьковом
Гладков Гладкова Гладковым Гладкову
Пригожин Пригожина Пригожиным
Зеленський Зеленського Зеленському Зеленським
"""


@pytest.mark.parametrize("forms", PARADIGMS.splitlines(), ids=lambda line: line.split()[0])
def test_the_cyrillic_stemmer_gives_every_form_of_a_name_one_stem(forms):
    stems = {word: cyrillic_stem(word_of(word)) for word in forms.split()}
    assert len(set(stems.values())) == 1, stems


def test_a_regions_adjective_stays_apart_from_its_citys_name():
    """Unlike the search's term stemmer (which folds -ск for recall), names keep the adjective."""
    assert cyrillic_stem("белгородская") != cyrillic_stem("белгород")
    assert cyrillic_stem("украинский") != cyrillic_stem("украина")


def test_did_you_mean_and_detection_strip_the_same_generic_words(index):
    assert without_generic_words(normalise_name("Belgorod Oblast")) == "belgorod"
    assert without_generic_words(normalise_name("Белгородская область")) == "белгородская"
    assert without_generic_words(normalise_name("Voronezh city")) == "voronezh city"  # the city, not a region
    assert [f.id for f in detect("shelling in the Belgorod Oblast", index).regions] == ["ru-bel"]
    assert text_keys("regions")[-1] == "region"


def test_the_gazetteer_keeps_each_chain_of_ancestors_once(gazetteer):
    first = gazetteer.ancestors("ru-krs-tetkino")
    assert first == ("ru-krs", "ru") and gazetteer.ancestors("ru-krs-tetkino") is first
    smaller = Gazetteer(dict(gazetteer.entities))
    assert smaller.ancestors("ru-krs-tetkino") == first
    smaller.entities = {k: v for k, v in gazetteer.entities.items() if k != "ru-krs"}
    assert smaller.ancestors("ru-krs-tetkino") == ()
