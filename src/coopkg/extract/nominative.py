"""An organisation's name back in the nominative, as a register would write it.

Running text puts a name in the case its sentence needs: `we współpracy ze Szkołą
Podstawową`, `спільно з Асоціацією «…»`, `ve spolupráci s Městem Náchod`. The head word
of the name (its legal form) and the adjectives that agree with it take that case; the
words that depend on it (`Przyjaciół Ziemi Krasnej`, `«Молодь Сумщини»`) do not. So the
head is looked up in a table of its case forms, and each adjacent adjective whose ending
agrees with the head's gender is given the nominative ending; anything else is kept.

The table covers the legal-form heads of the extraction lexicon in Polish, Ukrainian,
Czech and Slovak: a closed class, so a table suffices for the heads. A morphological
analyser (morfeusz2 for Polish, pymorphy3 with its Ukrainian dictionary) would also put
the other words of a name in the nominative; it is not used yet.
"""

from __future__ import annotations

import re

# nominative | gender (m, f, n; - where no adjective agrees: lt) | its other case forms
_HEADS = """
program|m|programu programowi programem programie programom
programa|-|programą programos programai programoje
програма|f|програми програмі програму програмою
stowarzyszenie|n|stowarzyszenia stowarzyszeniu stowarzyszeniem
towarzystwo|n|towarzystwa towarzystwu towarzystwem towarzystwie
starostwo|n|starostwa starostwu starostwem starostwie
miasto|n|miasta miastu miastem mieście
koło|n|koła kołu kołem kole
przedszkole|n|przedszkola przedszkolu przedszkolem
fundacja|f|fundacji fundację fundacją
szkoła|f|szkoły szkole szkołę szkołą
gmina|f|gminy gminie gminę gminą
parafia|f|parafii parafię parafią
biblioteka|f|biblioteki bibliotece bibliotekę biblioteką
spółdzielnia|f|spółdzielni spółdzielnię spółdzielnią
rada|f|rady radzie radę radą
izba|f|izby izbie izbę izbą
agencja|f|agencji agencję agencją
akademia|f|akademii akademię akademią
grupa|f|grupy grupie grupę grupą
straż|f|straży strażą
urząd|m|urzędu urzędowi urzędem urzędzie
związek|m|związku związkowi związkiem
ośrodek|m|ośrodka ośrodkowi ośrodkiem ośrodku
powiat|m|powiatu powiatowi powiatem powiecie
uniwersytet|m|uniwersytetu uniwersytetowi uniwersytetem uniwersytecie
instytut|m|instytutu instytutowi instytutem instytucie
zespół|m|zespołu zespołowi zespołem zespole
dom|m|domu domowi domem
klub|m|klubu klubowi klubem klubie
zarząd|m|zarządu zarządowi zarządem zarządzie
szpital|m|szpitala szpitalowi szpitalem szpitalu
товариство|n|товариства товариству товариством товаристві
об'єднання|n|об'єднанню об'єднанням
асоціація|f|асоціації асоціацію асоціацією
громада|f|громади громаді громаду громадою
гміна|f|гміни гміні гміну гміною
рада|f|ради раді раду радою
гімназія|f|гімназії гімназію гімназією
школа|f|школи школі школу школою
спілка|f|спілки спілці спілку спілкою
організація|f|організації організацію організацією
бібліотека|f|бібліотеки бібліотеці бібліотеку бібліотекою
адміністрація|f|адміністрації адміністрацію адміністрацією
агенція|f|агенції агенцію агенцією
фонд|m|фонду фондові фондом
центр|m|центру центрові центром
ліцей|m|ліцею ліцеєві ліцеєм
комітет|m|комітету комітетові комітетом
департамент|m|департаменту департаментом
управління|n|управлінню управлінням
відділ|m|відділу відділом відділі
служба|f|служби службі службу службою
музей|m|музею музеєм
університет|m|університету університетом
інститут|m|інституту інститутом
клуб|m|клубу клубом
město|n|města městu městem městě
mesto|n|mesta mestu mestom meste
sdružení|n|sdružením
združenie|n|združenia združeniu združením
obec|f|obce obci obcí
škola|f|školy škole školu školou
nadace|f|nadaci nadací
nadácia|f|nadácie nadácii nadáciu nadáciou
knihovna|f|knihovny knihovně knihovnu knihovnou
agentura|f|agentury agentuře agenturu agenturou
univerzita|f|univerzity univerzitě univerzite univerzitu univerzitou
spolek|m|spolku spolkem
sbor|m|sboru sborem
svaz|m|svazu svazem
zväz|m|zväzu zväzom
úřad|m|úřadu úřadem
úrad|m|úradu úradom
kraj|m|kraje kraji krajem
"""

HEADS: dict[str, tuple[str, str]] = {}  # an inflected form → (nominative, gender)
NOMINATIVES: set[str] = set()
for _line in _HEADS.strip().splitlines():
    _nominative, _gender, _forms = _line.split("|")
    NOMINATIVES.add(_nominative)
    for _form in _forms.split():
        HEADS.setdefault(_form, (_nominative, _gender))

# an agreeing adjective's oblique ending → its nominative ending, by gender; longest first
_ADJECTIVE_ENDINGS: dict[str, list[tuple[str, str]]] = {
    "f": [
        ("kiej", "ka"),
        ("giej", "ga"),
        ("ej", "a"),
        ("ą", "a"),  # pl
        ("ської", "ська"),
        ("ською", "ська"),
        ("ській", "ська"),
        ("ську", "ська"),  # uk
        ("цької", "цька"),
        ("цькою", "цька"),
        ("цькій", "цька"),
        ("ої", "а"),
        ("ою", "а"),
        ("ké", "ká"),
        ("ou", "á"),
        ("é", "á"),
        ("ej", "á"),  # cs, sk
    ],
    "m": [
        ("kiego", "ki"),
        ("giego", "gi"),
        ("kiemu", "ki"),
        ("kim", "ki"),
        ("gim", "gi"),
        ("ego", "y"),
        ("emu", "y"),
        ("ym", "y"),  # pl
        ("ського", "ський"),
        ("ському", "ський"),
        ("ським", "ський"),
        ("ого", "ий"),
        ("ому", "ий"),
        ("им", "ий"),  # uk
        ("ého", "ý"),
        ("ému", "ý"),
        ("ým", "ý"),
        ("ém", "ý"),  # cs, sk
        ("ího", "í"),
        ("ímu", "í"),
        ("ím", "í"),  # cs soft adjectives: `Operačního programu`
        ("eho", "y"),
        ("emu", "y"),
        ("om", "y"),  # sk: `regionálneho`, `operačnom`
    ],
    "n": [
        ("kiego", "kie"),
        ("giego", "gie"),
        ("kiemu", "kie"),
        ("kim", "kie"),
        ("ego", "e"),
        ("emu", "e"),
        ("ym", "e"),  # pl
        ("ського", "ське"),
        ("ському", "ське"),
        ("ським", "ське"),
        ("ого", "е"),
        ("ому", "е"),
        ("им", "е"),  # uk
        ("ého", "é"),
        ("ému", "é"),
        ("ým", "é"),
        ("ém", "é"),  # cs, sk
    ],
}
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _restore_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _adjective(word: str, gender: str) -> str | None:
    """The nominative of `word` if it is an adjective agreeing with a head of `gender`."""
    low = word.lower()
    for ending, nominative in _ADJECTIVE_ENDINGS.get(gender, []):
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return word[: len(word) - len(ending)] + (
                nominative.upper() if word[-1:].isupper() else nominative
            )
    return None


def nominative(name: str) -> str:
    """`name` with its head word and the adjectives agreeing with it in the nominative;
    unchanged when no word of it is an oblique form of a head."""
    words = list(WORD.finditer(name))
    # the first head decides: in `Urząd Miasta Lublin` the genitive `Miasta` depends on
    # the nominative `Urząd`
    head_at = next(
        (i for i, w in enumerate(words) if w.group(0).lower() in HEADS.keys() | NOMINATIVES),
        None,
    )
    if head_at is None or words[head_at].group(0).lower() in NOMINATIVES:
        return name
    head = words[head_at].group(0)
    base, gender = HEADS[head.lower()]
    replace = {head_at: _restore_case(base, head)}
    # adjectives stand before the head (uk, and pl `Miejskim Ośrodkiem`) or after it
    for step in (-1, 1):
        i = head_at + step
        while 0 <= i < len(words) and i - head_at in (-3, -2, -1, 1, 2):
            fixed = _adjective(words[i].group(0), gender)
            if fixed is None:
                break
            replace[i] = fixed
            i += step
    out, pos = [], 0
    for i, w in enumerate(words):
        if i in replace:
            out.append(name[pos : w.start()] + replace[i])
            pos = w.end()
    out.append(name[pos:])
    return "".join(out)
