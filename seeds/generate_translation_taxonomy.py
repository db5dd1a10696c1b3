"""Generate ``seeds/taxonomy/translation-localization.json``.

Per-language tags come from reference data, not typed lists: which languages
count as widely used is estimated from CLDR territory languages (babel) times
country populations (countryinfo); names come from babel/CLDR and pycountry
(ISO 639). The general skills (localization, interpreting, subtitling, CAT
tools...) are curated data in ``GENERAL`` below.

    /work/main/.venv/bin/python seeds/generate_translation_taxonomy.py

Output is deterministic (no clock, no randomness); rerun after editing and
commit the JSON.
"""

# ruff: noqa: E501  (GENERAL keeps one tag per line, like the JSON it becomes)
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import babel.core
import babel.localedata
import pycountry
from babel import Locale
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError

OUT = Path(__file__).resolve().parent / "taxonomy" / "translation-localization.json"

TOP_BY_SPEAKERS = 45  # two-letter languages kept by estimated speakers alone
NATIONAL_MIN_SPEAKERS = 800_000  # a country's official majority language needs this many
THREE_LETTER_TOP = 30  # Cantonese, Filipino: no ISO 639-1 code, still top languages
INTERPRETING_TOP = 40  # per-language interpreting tags for the most spoken ones
# CLDR lists Norwegian both as the macrolanguage and as Bokmål (100% each);
# buyers ask for "Norwegian", so Bokmål folds into it.
MERGED_INTO = {"nb": "no"}
# Locale variants buyers specify (script or market); names come from CLDR.
VARIANTS = ("zh_Hans", "zh_Hant", "pt_BR", "pt_PT", "es_419", "es_ES", "es_MX", "fr_CA")
# ISO 639-3 codes of sign languages with their own interpreting market.
SIGN_LANGUAGES = ("ase", "bfi")

LANG_CATEGORY = "translation-languages"
INTERPRETING_CATEGORY = "interpreting"

# category | slug | name | aliases (comma-separated) | related (space-separated)
GENERAL = """
translation-services | translation | Translation | translation services, translator, translating, document translation | localization certified-translation machine-translation-post-editing interpreting
translation-services | certified-translation | Certified Translation | certified translator, sworn translation, sworn translator, official translation, notarized translation | legal-translation immigration-document-translation apostille-legalisation
translation-services | legal-translation | Legal Translation | legal translator, contract translation, court document translation | certified-translation patent-translation legal-interpreting
translation-services | medical-translation | Medical Translation | medical translator, healthcare translation | life-sciences-translation medical-interpreting medical-writing
translation-services | life-sciences-translation | Life Sciences Translation | pharmaceutical translation, pharma translation, clinical trial translation, ifu translation | medical-translation linguistic-validation
translation-services | linguistic-validation | Linguistic Validation | cognitive debriefing, coa translation, pro questionnaire translation | life-sciences-translation back-translation
translation-services | back-translation | Back Translation | back translations | linguistic-validation translation-proofreading
translation-services | technical-translation | Technical Translation | technical translator, engineering translation, manual translation, user manual translation | technical-writing translation
translation-services | financial-translation | Financial Translation | financial translator, annual report translation | translation
translation-services | patent-translation | Patent Translation | patent translator | legal-translation
translation-services | marketing-translation | Marketing Translation | advertising translation | transcreation website-localization
translation-services | transcreation | Transcreation | creative translation, copy adaptation | marketing-translation copywriting cultural-consulting
translation-services | literary-translation | Literary Translation | book translation, literary translator | translation
translation-services | academic-translation | Academic Translation | research paper translation, scientific translation, thesis translation | translation
translation-services | ecommerce-translation | E-commerce Translation | product description translation, product listing translation, ecommerce translation | website-localization product-description-writing
translation-services | immigration-document-translation | Immigration Document Translation | birth certificate translation, diploma translation, visa document translation, uscis translation | certified-translation
translation-services | translation-proofreading | Translation Proofreading | bilingual proofreading, translation review, bilingual editing, translation editing | translation localization-qa proofreading
translation-services | machine-translation-post-editing | Machine Translation Post-Editing | mtpe, post-editing, mt post-editing, pemt, machine translation post editing | machine-translation translation iso-18587
translation-services | machine-translation | Machine Translation | mt, nmt, neural machine translation | deepl google-cloud-translation machine-translation-post-editing
translation-services | custom-mt-training | Custom MT Engine Training | custom machine translation, mt engine customization, adaptive mt | machine-translation
translation-services | ai-translation | AI Translation | llm translation, chatgpt translation, ai-assisted translation | machine-translation-post-editing llm
translation-services | translation-memory-management | Translation Memory Management | tm management, translation memory, translation memories, tmx | sdl-trados memoq terminology-management
translation-services | terminology-management | Terminology Management | termbase, glossary creation, terminology extraction, tbx | translation-memory-management
translation-services | translation-project-management | Translation Project Management | localization project management, translation pm, localization pm | project-management translation-management-systems
translation-services | desktop-publishing | Desktop Publishing (DTP) | dtp, multilingual dtp, desktop publishing, foreign language typesetting | adobe-indesign book-layout
translation-services | iso-17100 | ISO 17100 | iso 17100:2015, iso 17100 certified | translation certified-translation
translation-services | iso-18587 | ISO 18587 | iso 18587:2017 | machine-translation-post-editing
localization | localization | Localization | l10n, localisation, language localization | internationalization software-localization website-localization translation
localization | internationalization | Internationalization | i18n, internationalisation | localization software-localization pseudo-localization
localization | software-localization | Software Localization | software localisation, ui localization, string translation | localization lokalise crowdin localization-engineering
localization | website-localization | Website Localization | website translation, multilingual website, website localisation | localization weglot wpml international-seo
localization | mobile-app-localization | Mobile App Localization | app localization, app store localization, ios localization, android localization | software-localization app-store-optimization
localization | game-localization | Game Localization | video game localization, game translation, game localisation | localization-qa game-development
localization | elearning-localization | E-learning Localization | course localization, elearning translation, lms content localization | localization voice-over
localization | video-localization | Video Localization | multimedia localization, video translation | subtitling dubbing voice-over
localization | localization-qa | Localization QA | lqa, linguistic qa, linguistic testing, localization testing, language quality assurance | game-localization software-localization xbench
localization | pseudo-localization | Pseudo-Localization | pseudolocalization, pseudo localization | internationalization localization-qa
localization | localization-engineering | Localization Engineering | l10n engineering, localization file preparation | software-localization xliff
localization | rtl-localization | Right-to-Left Localization | rtl localization, rtl support, bidi text | software-localization website-localization
localization | cultural-consulting | Cultural Consulting | cultural adaptation, culturalization, market adaptation | transcreation localization
localization | xliff | XLIFF | xlf, xliff files | localization-engineering cat-tools
localization | gnu-gettext | gettext | gnu gettext, po files | software-localization internationalization
localization | translation-management-systems | Translation Management Systems | translation management system, localization platform | phrase-tms smartling xtm-cloud
localization | phrase-tms | Phrase (Memsource) | phrase tms, memsource, phrase strings | translation-management-systems lokalise
localization | smartling | Smartling | | translation-management-systems
localization | xtm-cloud | XTM Cloud | xtm | translation-management-systems
localization | lokalise | Lokalise | | software-localization crowdin
localization | crowdin | Crowdin | | software-localization lokalise
localization | transifex | Transifex | | software-localization
localization | poeditor | POEditor | po editor | software-localization
localization | weglot | Weglot | | website-localization
localization | wpml | WPML | wordpress multilingual | website-localization wordpress
localization | polylang | Polylang | | wpml
language-tools | cat-tools | CAT Tools | computer-assisted translation, computer assisted translation, cat tool | sdl-trados memoq smartcat
language-tools | sdl-trados | Trados Studio | sdl trados, trados, sdl trados studio, rws trados | memoq cat-tools
language-tools | memoq | memoQ | memo q | sdl-trados cat-tools
language-tools | smartcat | Smartcat | smart cat | cat-tools
language-tools | wordfast | Wordfast | wordfast pro, wordfast anywhere | cat-tools
language-tools | matecat | MateCat | | cat-tools
language-tools | omegat | OmegaT | | cat-tools
language-tools | deja-vu | Déjà Vu | deja vu, atril deja vu | cat-tools
language-tools | deepl | DeepL | deepl pro, deepl api | machine-translation
language-tools | google-cloud-translation | Google Cloud Translation | google translate api, google cloud translation api, google translate | machine-translation
language-tools | amazon-translate | Amazon Translate | aws translate | machine-translation
language-tools | microsoft-translator | Microsoft Translator | azure translator, azure ai translator, bing translator | machine-translation
language-tools | xbench | Xbench | apsic xbench | localization-qa
language-tools | verifika | Verifika | | localization-qa
audiovisual | subtitling | Subtitling | subtitles, subtitle translation, subtitle creation, srt files | closed-captioning subtitle-edit video-localization
audiovisual | closed-captioning | Closed Captioning | closed captions, captioning, sdh subtitles | subtitling live-captioning
audiovisual | live-captioning | Live Captioning | cart captioning, real-time captioning | closed-captioning
audiovisual | transcription | Transcription | transcriptionist, audio transcription, video transcription, audio to text | speech-recognition otter-ai
audiovisual | medical-transcription | Medical Transcription | medical transcriptionist | transcription medical-translation
audiovisual | legal-transcription | Legal Transcription | court transcription, deposition transcription | transcription
audiovisual | interview-transcription | Interview Transcription | research interview transcription, focus group transcription, qualitative transcription | transcription
audiovisual | foreign-language-transcription | Foreign Language Transcription | multilingual transcription, foreign-language transcription | transcription translation
audiovisual | voice-over | Voice-Over | voiceover, voice over, voice actor, voice talent, voice over artist | dubbing audio-editing
audiovisual | dubbing | Dubbing | lip-sync dubbing, film dubbing | voice-over video-localization
audiovisual | ai-dubbing | AI Dubbing | ai voice-over, ai voiceover, synthetic voice dubbing | dubbing elevenlabs
audiovisual | elevenlabs | ElevenLabs | eleven labs | ai-dubbing
audiovisual | audio-description | Audio Description | described video | accessibility closed-captioning
audiovisual | subtitle-edit | Subtitle Edit | | subtitling
audiovisual | aegisub | Aegisub | | subtitling
audiovisual | ooona | OOONA | ooona tools | subtitling
audiovisual | otter-ai | Otter.ai | otter | transcription
interpreting | interpreting | Interpreting | interpretation services, interpreter, interpreting services, interpretation | consecutive-interpreting simultaneous-interpreting translation
interpreting | consecutive-interpreting | Consecutive Interpreting | consecutive interpretation | interpreting business-interpreting
interpreting | simultaneous-interpreting | Simultaneous Interpreting | simultaneous interpretation, conference interpreting, conference interpretation | interpreting remote-simultaneous-interpreting
interpreting | remote-simultaneous-interpreting | Remote Simultaneous Interpreting | rsi, remote simultaneous interpretation | simultaneous-interpreting kudo interprefy
interpreting | video-remote-interpreting | Video Remote Interpreting | vri, video interpreting | over-the-phone-interpreting sign-language-interpreting
interpreting | over-the-phone-interpreting | Over-the-Phone Interpreting | opi, telephone interpreting, phone interpreting | video-remote-interpreting
interpreting | medical-interpreting | Medical Interpreting | healthcare interpreting, medical interpreter | interpreting medical-translation
interpreting | legal-interpreting | Court & Legal Interpreting | court interpreting, court interpreter, legal interpreting | interpreting legal-translation
interpreting | business-interpreting | Business Interpreting | liaison interpreting, escort interpreting, negotiation interpreting | consecutive-interpreting
interpreting | whispered-interpreting | Whispered Interpreting | chuchotage | simultaneous-interpreting
interpreting | sign-language-interpreting | Sign Language Interpreting | sign language interpreter, sign language interpretation | video-remote-interpreting
interpreting | kudo | KUDO | kudo rsi | remote-simultaneous-interpreting
interpreting | interprefy | Interprefy | | remote-simultaneous-interpreting
interpreting | community-interpreting | Community Interpreting | public service interpreting, social services interpreting | interpreting medical-interpreting
interpreting | on-site-interpreting | On-Site Interpreting | in-person interpreting, face-to-face interpreting | interpreting consecutive-interpreting
interpreting | interpreting-equipment | Interpreting Equipment Rental | interpretation equipment, interpreter booths, tour guide systems | simultaneous-interpreting
translation-services | multilingual-content-writing | Multilingual Content Writing | native content writing, multilingual copywriting, foreign language content writing | transcreation content-writing
translation-services | translation-vendor-management | Localization Vendor Management | lsp management, translation vendor management | translation-project-management
localization | localization-strategy | Localization Strategy | globalization strategy, g11n | localization internationalization
localization | app-store-listing-localization | App Store Listing Localization | app store listing translation, aso localization | mobile-app-localization app-store-optimization
audiovisual | subtitle-timing | Subtitle Timing | spotting, subtitle synchronization, subtitle sync | subtitling aegisub
audiovisual | netflix-timed-text-style-guide | Netflix Timed Text Style Guide | netflix subtitling, netflix timed text | subtitling closed-captioning
audiovisual | braille-transcription | Braille Transcription | braille translation, braille conversion | accessibility
audiovisual | express-scribe | Express Scribe | | transcription
"""

Tag = dict[str, Any]


def territory_population(code: str) -> int:
    """Population of a CLDR territory, 0 for those countryinfo does not know."""
    try:
        return int(CountryInfo(code).population() or 0)
    except CountryNotFoundError:
        return 0


def iso_language(code: str) -> Any:
    """The pycountry (ISO 639) record of a two- or three-letter code, or None."""
    key = "alpha_2" if len(code) == 2 else "alpha_3"
    return pycountry.languages.get(**{key: code})


def language_stats() -> tuple[dict[str, float], set[str]]:
    """Estimated speakers per base language, and the official majority languages.

    A language counts as national when it is official (or de facto official)
    and spoken by at least half of some country.
    """
    speakers: dict[str, float] = defaultdict(float)
    national: set[str] = set()
    for territory, languages in babel.core.get_global("territory_languages").items():
        population = territory_population(territory)
        for tag, info in languages.items():
            code = tag.split("_")[0]
            code = MERGED_INTO.get(code, code)
            speakers[code] += population * info["population_percent"] / 100
            official = info["official_status"] in ("official", "de_facto_official")
            if official and info["population_percent"] >= 50:
                national.add(code)
    return dict(speakers), national


def select_languages() -> list[str]:
    """Codes of the widely used languages, most spoken first."""
    speakers, national = language_stats()
    english = Locale("en").languages
    known = [
        c
        for c in speakers
        if iso_language(c) and babel.localedata.exists(c) and c in english and c != "nb"
    ]
    ranked = sorted(known, key=lambda c: (-speakers[c], c))
    two_letter = [c for c in ranked if len(c) == 2]
    chosen = set(two_letter[:TOP_BY_SPEAKERS])
    chosen |= {c for c in two_letter if c in national and speakers[c] >= NATIONAL_MIN_SPEAKERS}
    chosen |= {c for c in ranked[:THREE_LETTER_TOP] if len(c) == 3}
    return [c for c in ranked if c in chosen]


def english_names(code: str) -> list[str]:
    """CLDR's English name first, then ISO 639 names ("Panjabi", "Bengali", ...)."""
    names = [Locale("en").languages[code]]
    record = iso_language(code)
    for attr in ("name", "common_name"):
        for part in str(getattr(record, attr, "") or "").split(";"):
            part = re.sub(r"\s*\(.*?\)", "", part).strip()
            if part:
                names.append(part)
    for merged, into in MERGED_INTO.items():
        if into == code:
            names.append(Locale("en").languages[merged])
    return list(dict.fromkeys(names))


def language_aliases(names: list[str], code: str) -> list[str]:
    out: list[str] = []
    for name in names:
        n = name.lower()
        out += [f"{n} translation", f"{n} translator", f"translate {n}"]
        if code != "en":
            out += [f"english to {n} translation", f"{n} to english translation"]
    return list(dict.fromkeys(out))


def translation_tags(codes: list[str], interpreted: set[str]) -> list[Tag]:
    variants_of: dict[str, list[str]] = defaultdict(list)
    for v in VARIANTS:
        variants_of[v.split("_")[0]].append(v)
    tags: list[Tag] = []
    for code in codes:
        names = english_names(code)
        related = ["translation"]
        if code in interpreted:
            related.append(f"interpreting-{code}")
        related += [variant_slug(v) for v in variants_of.get(code, [])]
        tags.append(
            {
                "slug": f"translation-{code}",
                "name": f"{names[0]} Translation",
                "category": LANG_CATEGORY,
                "aliases": language_aliases(names, code),
                "related": related[:6],
            }
        )
    return tags


def variant_slug(variant: str) -> str:
    return "translation-" + variant.lower().replace("_", "-")


def variant_tags(codes: list[str]) -> list[Tag]:
    tags: list[Tag] = []
    for v in VARIANTS:
        base = v.split("_")[0]
        if base not in codes:
            continue
        # CLDR names the common variants ("Brazilian Portuguese"); the display
        # name is the "Portuguese (Brazil)" form people also type.
        display = str(Locale.parse(v).get_display_name("en"))
        name = str(Locale("en").languages.get(v) or display)
        siblings = [variant_slug(s) for s in VARIANTS if s != v and s.startswith(base + "_")]
        dashed = v.lower().replace("_", "-")
        aliases = [f"{name.lower()} translation", f"{name.lower()} translator"]
        aliases += [
            f"{display.lower()} translation",
            f"{dashed} translation",
            f"{dashed} translator",
        ]
        tags.append(
            {
                "slug": variant_slug(v),
                "name": f"{name} Translation",
                "category": LANG_CATEGORY,
                "aliases": list(dict.fromkeys(aliases)),
                "related": [f"translation-{base}", *siblings][:6],
            }
        )
    return tags


def interpreting_tags(codes: list[str]) -> list[Tag]:
    tags: list[Tag] = []
    for code in codes:
        names = english_names(code)
        aliases: list[str] = []
        for name in names:
            n = name.lower()
            aliases += [f"{n} interpreting", f"{n} interpreter", f"{n} interpretation"]
        tags.append(
            {
                "slug": f"interpreting-{code}",
                "name": f"{names[0]} Interpreting",
                "category": INTERPRETING_CATEGORY,
                "aliases": list(dict.fromkeys(aliases)),
                "related": ["interpreting", f"translation-{code}"],
            }
        )
    return tags


def sign_language_tags() -> list[Tag]:
    tags: list[Tag] = []
    for code in SIGN_LANGUAGES:
        name = iso_language(code).name
        initials = "".join(word[0] for word in name.lower().split())
        tags.append(
            {
                "slug": f"interpreting-{code}",
                "name": f"{name} Interpreting",
                "category": INTERPRETING_CATEGORY,
                "aliases": [
                    f"{name.lower()} interpreting",
                    f"{name.lower()} interpreter",
                    f"{initials} interpreting",
                    f"{initials} interpreter",
                ],
                "related": ["sign-language-interpreting", "video-remote-interpreting"],
            }
        )
    return tags


def general_tags() -> list[Tag]:
    tags: list[Tag] = []
    for line in GENERAL.strip().splitlines():
        category, slug, name, aliases, related = (p.strip() for p in line.split("|"))
        tags.append(
            {
                "slug": slug,
                "name": name,
                "category": category,
                "aliases": [a.strip() for a in aliases.split(",") if a.strip()],
                "related": related.split(),
            }
        )
    return tags


def generate() -> list[Tag]:
    codes = select_languages()
    interpreted = codes[:INTERPRETING_TOP]
    tags = general_tags()
    tags += translation_tags(codes, set(interpreted))
    tags += variant_tags(codes)
    tags += interpreting_tags(interpreted)
    tags += sign_language_tags()
    return sorted(tags, key=lambda t: (t["category"], t["slug"]))


def dumps(tags: list[Tag]) -> str:
    """One tag per line, like the other taxonomy files."""
    lines = ",\n".join(json.dumps(t, ensure_ascii=False) for t in tags)
    return '{"tags": [\n' + lines + "\n]}\n"


if __name__ == "__main__":
    OUT.write_text(dumps(generate()), encoding="utf-8")
