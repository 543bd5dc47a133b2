"""Cue words of the languages coopkg reads: labels, months, currencies, funds, units.

Patterns are stems or regular expressions matched case-insensitively on the
text; they name kinds of things (a lead partner, an eligible cost, people),
never particular organisations, places or numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

IC = re.IGNORECASE

LANG_COUNTRY = {"pl": "PL", "cs": "CZ", "sk": "SK", "uk": "UA", "de": "DE", "lt": "LT", "be": "BY"}
# languages of one country each, whose pages are that country's (German and English are not)
LANG_COUNTRY |= {"hu": "HU", "ro": "RO", "lv": "LV", "et": "EE", "sl": "SI", "hr": "HR"}
LANG_COUNTRY |= {"bg": "BG", "it": "IT"}

COUNTRY_WORDS: dict[str, str] = {
    # names and adjectives of countries, as stems
    r"pol(and|ish|sk|ský|ská|ské|ské|ski|sk\w*)|polsk\w*|poľsk\w*|польщ\w*|польськ\w*|"
    r"polen|polnisch\w*|lengyel\w*|lenkij\w*|lenkų|lenkiš\w*": "PL",
    r"ukrain\w*|ukrajin\w*|україн\w*|ukraiń\w*|ukrán\w*": "UA",
    r"czech\w*|česk\w*|czesk\w*|чеськ\w*|чехі\w*|tschechi\w*|cseh\w*|čekij\w*": "CZ",
    r"slovak\w*|slovensk\w*|słowac\w*|словацьк\w*|словаччин\w*|slowak\w*|szlovák\w*": "SK",
    r"belarus\w*|białoru\w*|білорус\w*|bělorus\w*|weißrussland|baltarus\w*|fehérorosz\w*": "BY",
    r"lithuan\w*|litew\w*|litw\w*|litv\w*|литов\w*|литв\w*|litauen|litauisch\w*|"
    r"lietuv\w*": "LT",
    r"german\w*|niemieck\w*|niemc\w*|německ\w*|nemeck\w*|німецьк\w*|німеччин\w*|deutsch\w*|"
    r"vokieti\w*|német\w*": "DE",
    # partner countries of twinning and cooperation pages, in the corpus languages (pl, uk,
    # cs, sk, lt, hu, de, en): the country's name and adjective stems
    r"węgr\w*|węgier\w*|угорщ\w*|угорськ\w*|maďar\w*|vengr\w*|hungar\w*|magyar\w*|"
    r"ungarn\w*|ungarisch\w*": "HU",
    r"rumun\w*|румун\w*|rumunij\w*|románi\w*|román\b|romania\w*|"
    r"rumäni\w*|romanian\w*": "RO",
    r"włosk\w*|włoch\w*|італі\w*|італій\w*|itali\w*|italsk\w*|italij\w*|olasz\w*": "IT",
    r"francj\w*|francus\w*|франці\w*|французьк\w*|franci[ei]\b|francií|francouz\w*|"
    r"francúz\w*|"
    r"prancūz\w*|francia\w*|frankreich\w*|französisch\w*|french\b": "FR",
    r"austri\w*|австрі\w*|rakous\w*|rakúsk\w*|osztrák\w*|österreich\w*": "AT",
    r"łotw\w*|łotew\w*|łotysk\w*|латві\w*|lotyš\w*|lotyš\w*|latvi\w*|lettland\w*|"
    r"lettisch\w*": "LV",
    r"estoni\w*|естоні\w*|eston\w*|estija\w*|estijos|észt\w*|estland\w*|estnisch\w*": "EE",
    r"mołdaw\w*|молдов\w*|moldav\w*|moldov\w*|moldáv\w*|moldau\w*": "MD",
    r"chorwac\w*|хорват\w*|chorvat\w*|kroat\w*|croati\w*|horvát\w*": "HR",
    r"słoweń\w*|słoweni\w*|словені\w*|slovinsk\w*|slovinc\w*|sloven(?:ia|ian|ija)\w*|"
    r"szlovén\w*|sloweni\w*|slowenisch\w*": "SI",
    r"bułgar\w*|болгар\w*|bulhar\w*|bulgar\w*|bolgár\w*": "BG",
    r"portugal\w*|portugals\w*|португал\w*|portugal\w*|portugál\w*|portugies\w*": "PT",
    r"hiszpan\w*|іспан\w*|španěl\w*|španiel\w*|ispanij\w*|spanyol\w*|spani\w*|spanisch\w*": "ES",
    r"holandi\w*|holendr\w*|niderland\w*|нідерланд\w*|nizozem\w*|netherland\w*|dutch\b|"
    r"niederland\w*|holland\w*": "NL",
    r"belgi\w*|бельгі\w*|belgick\w*|belgij\w*|belga\b": "BE",
    r"szwecj\w*|szwedz\w*|швеці\w*|шведськ\w*|švéd\w*|švédsk\w*|švedij\w*|svéd\w*|"
    r"swed\w*|schwed\w*": "SE",
    r"finlandi\w*|fińsk\w*|фінлянд\w*|finsk\w*|suomi\b|finnland\w*|finnisch\w*|finnish\b": "FI",
    r"danii\b|duńsk\w*|данськ\w*|dánsk\w*|dánsko\w*|danij\w*|dänemark\w*|"
    r"dänisch\w*|denmark\w*|danish\b": "DK",
    r"norweg\w*|норвег\w*|norsk\w*|norv\w*|norw\w*|norweg\w*": "NO",
    r"wielk\w* brytani\w*|brytyj\w*|британ\w*|velk\w* británi\w*|britsk\w*|"
    r"united kingdom|british\b|großbritannien|britisch\w*": "GB",
    r"grecj\w*|greck\w*|греці\w*|грецьк\w*|řeck\w*|gréck\w*|graikij\w*|görög\w*|"
    r"griechen\w*|griechisch\w*|greece|greek\b": "GR",
    r"serbi\w*|serbsk\w*|сербі\w*|сербськ\w*|srbsk\w*|szerb\w*": "RS",
    r"irlandi\w*|irlandzk\w*|ірланд\w*|irsk\w*|airij\w*|irland\w*|irisch\w*|irish\b": "IE",
}

# every country word in one pattern, scanned once a document (a pattern per country was
# 30 passes over the text); the group's name is its country's index in COUNTRY_CODES
COUNTRY_CODES = list(COUNTRY_WORDS.values())
COUNTRY_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?P<c{i}>{p})" for i, p in enumerate(COUNTRY_WORDS)) + ")",
    re.IGNORECASE,
)


@lru_cache(maxsize=8192)  # the same clause is asked for each organisation it names
def countries_named(text: str) -> tuple[str, ...]:
    """The countries whose words `text` contains, in the order of COUNTRY_WORDS."""
    found = {int(m.lastgroup[1:]) for m in COUNTRY_RE.finditer(text) if m.lastgroup}
    return tuple(COUNTRY_CODES[i] for i in sorted(found))  # each country has one entry


MONTHS: dict[str, int] = {}
for _n, _forms in enumerate(
    [
        "stycz sty leden ledna lednu január januára січ january jan januar jänner",
        "luty lutego lut únor února február februára лют february feb februar",
        "marzec marca mar březen března marec marca берез march märz",
        "kwiecień kwietnia kwie duben dubna apríl apríla квіт april apr",
        "maj maja květen května máj mája трав may mai",
        "czerwiec czerwca czerw červen června jún júna черв june jun juni",
        "lipiec lipca lip červenec července júl júla лип july jul juli",
        "sierpień sierpnia sierp srpen srpna august augusta серп aug",
        "wrzesień września wrz září september septembra верес sept sep",
        "październik października paź říjen října október októbra жовт october oct oktober",
        "listopad listopada list listopadu november novembra листоп nov",
        "grudzień grudnia gru prosinec prosince december decembra груд dec dezember",
    ],
    start=1,
):
    for _f in _forms.split():
        MONTHS[_f] = _n


# full genitive forms where the stem above is too short to match them (Ukrainian), and the
# months of Lithuanian and Hungarian pages (twinning partners write in them)
for _n, _forms in enumerate(
    [
        "січня sausis sausio január",
        "лютого vasaris vasario február",
        "березня kovas kovo március",
        "квітня balandis balandžio április",
        "травня gegužė gegužės május",
        "червня birželis birželio június",
        "липня liepa liepos július",
        "серпня rugpjūtis rugpjūčio augusztus",
        "вересня rugsėjis rugsėjo szeptember",
        "жовтня spalis spalio október",
        "листопада lapkritis lapkričio",
        "грудня gruodis gruodžio",
    ],
    start=1,
):
    for _f in _forms.split():
        MONTHS.setdefault(_f, _n)

# the locative a sentence puts a month in (`w marcu 2021`, `v březnu`, `v marci`, `у березні`)
for _n, _forms in enumerate(
    [
        "styczniu lednu januári січні",
        "lutym únoru februári лютому",
        "marcu březnu marci березні",
        "kwietniu dubnu apríli квітні",
        "maju květnu máji травні",
        "czerwcu červnu júni червні",
        "lipcu červenci júli липні",
        "sierpniu srpnu auguste серпні",
        "wrześniu září septembri вересні",
        "październiku říjnu októbri жовтні",
        "listopadzie listopadu novembri листопаді",
        "grudniu prosinci decembri грудні",
    ],
    start=1,
):
    for _f in _forms.split():
        MONTHS.setdefault(_f, _n)


def month_of(word: str) -> int | None:
    w = word.casefold().strip(".")
    if w in MONTHS:
        return MONTHS[w]
    # inflected forms: longest known prefix of 3+ letters
    for size in range(min(len(w), 9), 2, -1):
        m = MONTHS.get(w[:size])
        if (m and size >= 4) or (m and size == 3 and len(w) <= 4):
            return m
    return None


CURRENCIES: list[tuple[str, str]] = [
    (r"zł(?:otych|ote|oty)?|pln", "PLN"),
    (r"злотих|злоті|злотий", "PLN"),
    (r"eur(?:o|a|ów|ó\w*|ų|ai|os)?|€|євро|эвро", "EUR"),  # hu euró(val), lt eurų
    (r"грн\.?|гривень|гривні|гривня|uah", "UAH"),
    (r"kč|czk|korun", "CZK"),
    (r"usd|\$|dolar\w*|долар\w*", "USD"),
    (r"forint\w*|huf|ft", "HUF"),
    (r"lei|ron", "RON"),
]

MULTIPLIERS: list[tuple[str, float]] = [
    (r"mld\.?|miliard\w*|billion\w*|мільярд\w*|mrd\.?", 1e9),
    # `mil.` (cs, sk) counts only before a currency (numbers.find_money): in Polish
    # `10 mil.` is ten miles
    (
        r"mln\.?|milion\w*|million\w*|milión\w*|miliónov|мільйон\w*|млн\.?|mil\.|millió\w*|"
        r"milijon\w*|mio\.?",
        1e6,
    ),
    (r"tys\.?|tysi[ąę]c\w*|thousand\w*|тисяч\w*|тис\.?|tis\.?|tisíc\w*|tūkst\.?|ezer", 1e3),
]

# amount kinds: (pattern, kind); the last match before the number wins, so more
# specific cues are not shadowed by the general "budget" words
AMOUNT_CUES: list[tuple[str, str]] = [
    (
        r"warto\w+|bud[żz]et\w*|total|celkov\w*|rozpo[čc]et\w*|spolu|celkem|kwot\w+ projektu|"
        r"całkowit\w*|łączn\w*|náklad\w*|загальн\w*|бюджет\w*|вартіст\w*|suma|"
        r"vertė\w*|biudžet\w*|összköltség\w*|költségvetés\w*|gesamtkosten|gesamtbudget|"
        r"projektvolumen|kosten|kosztował\w*|kosztuje|kosztować|cost\w*|коштував\w*|коштує|"
        r"stál\w*|stojí|kostet\w*|kainavo|kainuoja|került",
        "total",
    ),
    (r"kwalifikowal\w*|eligible|způsobil\w*|oprávnen\w*|прийнятн\w*", "eligible"),
    (
        r"dofinansowan\w*|dotac\w*|contribution|grant\w*|spolufinancov\w*|příspěv\w*|"
        r"unii europejskiej|\beu\b|\bue\b|erdf|efrr|efs\b|\besf\b|грантов\w*|співфінансуван\w*|"
        r"фінансуванн\w* єс|nenávratn\w*|dotáci\w*|subsid\w*|внес\w* єс|es lėš\w*|"
        r"es param\w*|eu-mittel\w*|fördermittel\w*|zuschuss\w*|uniós támogatás\w*|"
        r"грант\w*|\bєс\b|príspev\w*|\beú\b|támogat\w*|\befre\b|gefördert|förderung|"
        r"wsparci\w*|wsparł\w*|podpořil\w*|podporil\w*|підтрима\w*|supported|funded|"
        r"finansavo\w*|parėm\w*",
        "eu_contribution",
    ),
    (
        r"wkład\w*|udział\w*|koszty partnera|share|podíl\w*|з них|в тому числі|"
        r"частк\w*|внесок",
        "partner_share",
    ),
    (
        r"krajow\w*|národn\w*|veřejné zdroje|státn\w*|vlastn\w*|own|національн\w*|"
        r"міськ\w* бюджет\w*|z budżetu",
        "other",
    ),
]

FUNDS: list[tuple[str, str]] = [
    (
        r"\berdf\b|\befrr\b|europejski\w* fundusz\w* rozwoju regionalnego|"
        r"evropsk\w* fond\w* pro regionální rozvoj|európsk\w* fond\w* regionálneho rozvoja|"
        r"european regional development fund|європейськ\w* фонд\w* регіонального розвитку|\bєфрр\b|"
        r"európai regionális fejlesztési alap\w*|\befre\b|europäisch\w* fonds? für regionale "
        r"entwicklung|europos regioninės plėtros fond\w*|\berpf\b",
        "ERDF",
    ),
    (
        r"\besf\b|\befs\b|europejski\w* fundusz\w* społeczn\w*|evropsk\w* sociáln\w* fond\w*|"
        r"európsk\w* sociáln\w* fond\w*|european social fund|європейськ\w* соціальн\w* фонд\w*|"
        r"europos socialin\w* fond\w*|európai szociális alap\w*|europäisch\w* sozialfonds",
        "ESF",
    ),
    (
        r"\benpi\b|instrument\w* sąsiedztwa i partnerstwa|neighbourhood and partnership instrument|"
        r"інструмент\w* сусідства (та|і) партнерства",
        "ENPI",
    ),
    (
        r"\beni\b|europejski\w* instrument\w* sąsiedztwa(?! i partnerstwa)|"
        r"european neighbourhood instrument|європейськ\w* інструмент\w* сусідства(?! (та|і) партнерства)|"
        r"europos kaimynystės priemon\w*|európai szomszédsági\w*|evropsk\w* nástroj\w* sousedství|"
        r"európsk\w* nástroj\w* susedstva|europäisch\w* nachbarschaftsinstrument\w*",
        "ENI",
    ),
    (r"\bipa\b|pre-?accession", "IPA"),
    (r"\beafrd\b|\befrrow\b|rozwoju obszarów wiejskich|rozvoj venkova|\beler\b|\bemva\b", "EAFRD"),
    (
        r"fundusz\w* spójności|cohesion fund|fond\w* soudržnosti|kohéziós alap\w*|"
        r"kohäsionsfonds|sanglaudos fond\w*",
        "CF",
    ),
    (
        r"\beog\b|\beea\b|\behp\b|\bewr\b|\begt\b|\beee\b|european economic area|fundusz\w* eog|"
        r"fondy ehp",
        "EEA",
    ),
    (r"norweski\w* mechanizm\w*|norway grants|fundusz\w* norwesk\w*|norsk\w* fond\w*", "NORWAY"),
    (
        r"národn\w* zdroj\w*|veřejné zdroje|štátn\w* rozpočt\w*|státní rozpočet|budżet\w* państwa|"
        r"державн\w* бюджет\w*|valstybės biudžet\w*|központi költségvetés\w*|"
        r"hazai társfinanszírozás\w*|state budget|national co-?financing|bundesmittel\w*|"
        r"landesmittel\w*",
        "NATIONAL",
    ),
]

# programme names that are themselves the name of their instrument: an Interreg programme
# is the ERDF's cross-border strand, Erasmus+ and Europe for Citizens are EU programmes
# outside the structural funds, the Active Citizens Fund is the EEA grants'. A page that
# names the programme names its fund; a plain cross-border programme name does not.
PROGRAMME_FUNDS: list[tuple[str, str]] = [
    (r"interreg(?:u|iem|a)?|інтеррег(?:у|ом)?", "ERDF"),
    (
        r"erasmus\s*\+|erasmus plus|europe for citizens|europa dla obywateli|evropa pro občany|"
        r"európa pre občanov|európa a polgárokért|europa für bürgerinnen und bürger|"
        r"europa piliečiams|європа для громадян|rad\w* wymiany młodzieży|"
        r"рад\w* (?:з )?обміну молоддю|visegrad fund|fundusz\w* wyszehradzki\w*|"
        r"visegrádi alap\w*|vyšehradsk\w* fond\w*|višegrádsk\w* fond\w*",
        "OTHER",
    ),
    (
        r"aktywni obywatele|active citizens fund|aktívni občania|aktivní občané|eea grants",
        "EEA",
    ),
]

# role labels (line starts) and sentence cues
ROLE_LABELS: list[tuple[str, str]] = [
    (
        r"lider(?:em)?(?: projektu)?|partner wiodący|wiodący partner|partner prowadzący|"
        r"lead ?partner|leading partner|vedouc[íi] partner|vedúci partner|"
        r"wnioskodawc\w*|beneficjent(?: projektu)?|žadatel|žiadateľ|příjemce|prijímateľ|applicant|"
        r"beneficiary|виконавець|заявник|бенефіціар|головний партнер|провідний партнер|"
        r"realizátor|realizator|projektträger|antragsteller|lead-partner|leadpartner|"
        r"pareiškėj\w*|vadovaujant\w* partner\w*|projekto vykdytoj\w*|kedvezményezett|"
        r"vezető partner|pályázó|konzorciumvezető",
        "lead",
    ),
    (
        r"partner(?:zy|s|i|ami)?(?: projektu| projektový)?(?: ?\d+)?|partnership|партнер(?:и|ів)?|"
        r"projektpartner",
        "partner",
    ),
    (
        r"associated partners?|partner stowarzyszony|přidružen\w* partner|асоційован\w* партнер\w*",
        "associated",
    ),
]

# words of organisations' names that only one country's language uses: an organisation
# named in another language than the page's is of that language's country
NAME_LANGUAGE_COUNTRY: list[tuple[str, str]] = [
    (
        r"gmina|gminy|miasto|powiat\w*|starostwo|stowarzyszeni\w*|fundacj\w*|związek|towarzystwo|"
        r"uniwersytet\w*|szkoła|urząd|ośrodek|zespół|parafia|koło|ochotnicza|powiatowa|miejski|"
        r"miejska|gminny|gminna|publiczna|województwo|spółdzielnia|przedszkole|wrocławski\w*",
        "PL",
    ),
    (r"město|statutární|městský|městská|spolek|sdružení|základní|úřad|knihovna|nadace", "CZ"),
    (
        r"mesto|mestský|mestská|združenie|občianske|základná|úrad|samosprávny|knižnica|nadácia|"
        r"obecný",
        "SK",
    ),
    (
        r"громада|рада|товариство|асоціація|управління|виконавчий|ліцей|гімназія|школа|міська|"
        r"обласна|районна|селищна|сільська",
        "UA",
    ),
    (
        r"savivaldyb\w*|valdyba|centras|mokykla|gimnazija|bendruomen\w*|viešoji|įstaiga|miesto|"
        r"rajono",
        "LT",
    ),
    (
        r"önkormányzat\w*|egyesület\w*|egyetem\w*|alapítvány\w*|hivatal\w*|város|község|"
        r"megyei|központ\w*|iskola\w*",
        "HU",
    ),
    (
        r"gemeinde|stadt|landkreis|verein|stiftung|schule|universität|hochschule|verband|kreis|"
        r"e\.v\.?",
        "DE",
    ),
]

LEGAL_FORMS = (
    r"gmin\w*|miast[oaue]|miastem|rad\w* miejsk\w*|rad\w* gminy|rad\w* miasta|powiat\w*|starostw\w*|urz[ąę]d\w*|województw\w*|"
    r"stowarzyszeni\w*|fundacj\w*|związ\w*|zwiazek|towarzystw\w*|lgd|lokaln\w* grup\w* działania|"
    r"centrum|ośrod\w*|instytut\w*|szkoł\w*|zespół\w*|spółdzielni\w*|parafi\w*|uniwersytet\w*|"
    r"obec|obce|obci|obcou|město|města|městem|statutární město|městský obvod|městská část|mesto|"
    r"mestská časť|spolek|sdružení|združenie|nadace|nadácia|o\.s\.|z\.s\.|"
    r"го|громадськ\w* організаці\w*|виконавч\w* комітет\w*|міськ\w* рад\w*|сільськ\w* рад\w*|"
    r"селищн\w* рад\w*|обласн\w* рад\w*|районн\w* рад\w*|товариств\w*|асоціаці\w*|фонд\w*|"
    r"управлінн\w*|департамент\w*|міст\w*|гмін\w*|"
    r"municipality|city of|town of|association|foundation|council|poviat|raion|district|county|"
    r"stadtverwaltung|gemeindeverwaltung|kreisverwaltung|landratsamt|"
    r"gemeinde|stadt|landkreis|verein|"
    # schools, libraries, museums and universities, and the civic associations' forms
    r"bibliotek\w*|muzeum|muzeu[mk]\w*|przedszkol\w*|dom\w* kultury|"
    r"základn\w* škol\w*|základn\w* umělec\w* škol\w*|mateřsk\w* škol\w*|střední škol\w*|"
    r"stredn\w* škol\w*|gymnázi\w*|knihovn\w*|knižnic\w*|univerzit\w*|"
    r"občansk\w* sdružení|občiansk\w* združeni\w*|"
    r"школ[аиіуою]+|ліце[йюєм]\w*|гімназі\w+|бібліотек\w*|університет\w*|спілк\w*|"
    r"asociacij\w*|viešoji įstaiga|všį|euroregion\w*|єврорегіон\w*|"
    r"koł\w* gospodyń wiejskich|kgw|ochotnicz\w* straż\w* pożarn\w*|osp|"
    r"obcí|úřad\w*|úrad\w*|mestsk\w* úrad\w*|městsk\w* úřad\w*|obecn\w* úřad\w*|"
    r"obecn\w* úrad\w*|krajsk\w* úřad\w*|"
    r"stiftung|schule|gymnasium|verband|zweckverband|universität|hochschule|"
    r"university|school|museum|library|agency|chamber|institute|society"
)

UNITS: list[tuple[str, str]] = [
    (
        r"os[óo]b\w*|osoby|osoba|uczestnik\w*|przedstawiciel\w*|pracownik\w*|mieszkańc\w*|dzieci|"
        r"uczni\w*|młodzież\w*|wolontariusz\w*|radnych|seniorów|kobiet|trener\w*|ekspert\w*|"
        r"osôb|osob\w*|účastník\w*|účastn\w*|zástupc\w*|úředník\w*|zamestnanc\w*|žiak\w*|žák\w*|"
        r"осіб|особ\w*|людей|люди|учасник\w*|представник\w*|співробітник\w*|працівник\w*|"
        r"волонтер\w*|депутат\w*|мешканц\w*|відвідувач\w*|дітей|учн\w*|студент\w*|"
        r"people|persons?|participants?|representatives?|visitors?|volunteers?|employees?|"
        r"staff|students?|pupils?|children|officials?|inhabitants?|teilnehm\w*|personen|"
        r"guides?|trainers?|teachers?|experts?|farmers?|entrepreneurs?|officers?|leaders?|"
        r"przewodnik\w*|nauczyciel\w*|rolnik\w*|przedsiębiorc\w*|seniorzy|"
        r"průvodc\w*|učitel\w*|obyvatel\w*|гід\w*|вчител\w*|педагог\w*|фахівц\w*|"
        # Lithuanian, Hungarian, German and more Czech, Slovak and Polish people words
        r"jaunuoli\w*|dalyvi\w*|asmen\w*|vaik\w*|lyderi\w*|lankytoj\w*|"
        r"résztvevő\w*|fős|fő|látogató\w*|gyerek\w*|dolgozó\w*|polgár\w*|diák\w*|"
        r"tanuló\w*|ember\w*|pedagógus\w*|"
        r"besucher\w*|einsatzkräfte|kinder|schüler\w*|bürger\w*|jugendliche\w*|"
        r"hasič\w*|senior\w*|návštevník\w*|návštěvník\w*|detí|dětí|dospelých|"
        r"bibliotekar\w*|citizens?|lider\w*|лідер\w*|vadov\w*|vezető\w*|"
        r"ratownik\w*|strażak\w*|policjant\w*|рятувальник\w*|pracovník\w*|pracovníc\w*|"
        r"odborník\w*|specialist\w*|спеціаліст\w*|szakember\w*|fachkräfte|widzów|słuchacz\w*|"
        r"lehrkräfte\w*|lehrer\w*|mitarbeiter\w*|mitarbeitende\w*",
        "person",
    ),
    (
        r"organizacj\w*|ngo\w*|stowarzysze\w*|organizac\w*|організаці\w*|organisations?|"
        r"organizations?|spolk\w*|neziskov\w*|súbor\w*|soubor\w*|ensembles?|vereine?|"
        r"organizacij\w*|zespołów|zespoły|колектив\w*|kolektiv\w*|együttes\w*|ansambl\w*|"
        r"teams?|drużyn\w*|команд\w*|csapat\w*",
        "organisation",
    ),
    (
        r"instytucj\w*|jednost\w*|jst|urzęd\w*|установ\w*|інституці\w*|закладів|"
        r"institucí|instituc\w*|úřad\w*|institutions?|authorities|municipalities",
        "institution",
    ),
    (
        r"spotka\w*|konferencj\w*|warsztat\w*|szkole\w*|wydarze\w*|imprez\w*|festiwal\w*|"
        r"seminari\w*|semináře?\w*|wizyt\w*|zjazd\w*|targ\w*|wyjazd\w*|"
        r"заход\w*|зустріч\w*|семінар\w*|конференці\w*|тренінг\w*|фестивал\w*|подій|поді\w*|"
        r"setkání|akc\w*|konferenc\w*|worksho\w*|podujat\w*|školení|kurz\w*|"
        r"koncert\w*|concerts?|концерт\w*|wystaw\w*|exhibitions?|výstav\w*|виставк\w*|"
        r"turniej\w*|tournaments?|turnaj\w*|rajd\w*|wycieczk\w*|excursions?|exkurz\w*|"
        r"екскурс\w*|forum|fora|форум\w*|"
        r"events?|meetings?|conferences?|workshops?|trainings?|seminars?|festivals?|visits?|"
        r"debates?|dirbtuv\w*|rengin\w*|rendezvény\w*|estet|wanderungen|übungen|"
        r"seminar\w*|konferencij\w*|mokym\w*|stovykl\w*|susitikim\w*|"
        r"konferenci\w*|tréning\w*|szeminárium\w*|fesztivál\w*|találkozó\w*|"
        r"konferenz\w*|seminar\w*|treffen|begegnung\w*|schulung\w*|"
        r"képzés\w*|előadás\w*|kirándulás\w*|tábor\w*|verseny\w*|kiállítás\w*|"
        r"veranstaltung\w*|werkstätt\w*|bürgerwerkstätt\w*|ukáz\w*|ukážk\w*|dieln\w*|"
        r"dílen|майстер\w*|акці\w*",
        "event",
    ),
    (
        r"umow\w*|umów|porozumie\w*|угод\w*|меморандум\w*|договор\w*|dohod\w*|smluv\w*|zmluv\w*|"
        r"agreements?|memorand\w*|sutart\w*|megállapodás\w*|szerződés\w*|vereinbarung\w*|"
        r"dohôd",
        "agreement",
    ),
    (
        r"dokument\w*|strategi\w*|publikacj\w*|raport\w*|analiz\w*|opracowa\w*|broszur\w*|"
        r"документ\w*|стратегі\w*|публікаці\w*|brožur\w*|studi\w*|documents?|strateg\w*|"
        r"publications?|reports?|studies|brochures?|příručk\w*|príručk\w*|aktionsplan\w*|"
        r"plan|plany|planów|plán\w*|план\w*|plans?|planas|planai|terv\w*|pläne?",
        "document",
    ),
    # measured results: lengths, areas, weights (`12 km dviračių takų`, `1,8 km chodníka`)
    (
        r"km|kilometr\w*|kilometer\w*|kilometre\w*|кілометр\w*|км|ha|hektar\w*|гектар\w*|"
        r"га|m2|m²|м2|tun\w*|ton\w*|тонн\w*|"
        # websites and apps, made things with a unit word of their own
        r"internetow\w*|webov\w*|websites?|вебсайт\w*|honlap\w*|svetain\w*|aplikac\w*|apps?",
        "other",
    ),
]

# the verbs of a result made or planned (built, created, marked, installed, planned…):
# beside one, a count of things with no unit word of their own is an `other` result
# (`oznakowanie 3 szlaków`, `Planується встановити 120 контейнерів`, `Megépült 1 híd`)
RESULT_VERBS = (
    r"oznakow\w*|wybudow\w*|budow\w*|zbudow\w*|utworz\w*|stworz\w*|powoła\w*|powstał\w*|"
    r"zainstalow\w*|montaż\w*|zakup\w*|posadz\w*|wyremontow\w*|odnowi\w*|zakłada|"
    r"встанов\w*|створ\w*|побудува\w*|збудува\w*|облаштува\w*|придба\w*|висади\w*|"
    r"планується|плану\w*|"
    r"vybudova\w*|vybudov\w*|postav\w*|vytvoř\w*|vytvor\w*|osadi\w*|zrekonstru\w*|"
    r"obnov\w*|vyznač\w*|označ\w*|plánuje|"
    r"pastatyt\w*|įrengt\w*|sukurt\w*|atnaujint\w*|pažymėt\w*|"
    r"megépült|megépít\w*|épült|létrehoz\w*|felújít\w*|kialakít\w*|telepít\w*|"
    r"gebaut|errichtet|geschaffen|angelegt|installiert|markiert|ausgeschildert|geplant|"
    r"built|created|installed|marked|renovated|planted|set up|established|purchased|planned"
)
# counts that are no result: time (`3 lata`, `2 years`), times, money, stages of a work
NOT_RESULT_UNITS = (
    r"lat[a]?|rok\w*|dni|dzień|dnia|godzin\w*|minut\w*|miesi\w*|tygod\w*|"
    r"рок\w*|років|днів|дні|годин\w*|хвилин\w*|місяц\w*|тижн\w*|"
    r"let|dnů|dní|dny|hodin\w*|měsíc\w*|týdn\w*|rokov|hodín|mesiac\w*|týžd\w*|"
    r"metų|metus|dien\w*|valand\w*|mėnes\w*|savaič\w*|év\w*|nap\w*|ór[aá]\w*|hónap\w*|hét|"
    r"jahre?n?|tage?n?|stunden?|monate?n?|wochen?|years?|days?|hours?|minutes?|months?|weeks?|"
    r"times?|razy|raz|разів|krát|kartus|alkalom\w*|mal|euro\w*|eur|zł\w*|pln|czk|uah|грн\w*|"
    r"kč|huf|forint\w*|mln|tys\w*|mil\w*|%|etap\w*|faz\w*|stage\w*|phase\w*|krok\w*|"
    r"část\w*|časti|етап\w*|фаз\w*|stufe\w*|phas\w*|szakasz\w*|etap\w*"
)

# words whose count describes the partnership, not a result
PARTNERSHIP_COUNTS = (
    r"gmin\w*|partner\w*|obc[ei]\w*|громад\w*|партнер\w*|municipalit\w*|"
    r"krajów|країн\w*|countries|států"
)

ACHIEVED_HEADINGS = (
    r"rezultat\w*|osiągnię\w*|efekty|wyniki|результат\w*|досягнення|"
    r"výsledk\w*|dosažen\w*|results?|achievements?|outputs?|ergebnis\w*|eredmény\w*|"
    r"rezultatai|pasiekim\w*|výstup\w*"
)
PLANNED_HEADINGS = (
    r"adresac\w*|grupa docelowa|grup\w* docelow\w*|beneficjen\w*|cel\w*|"
    r"planowan\w*|zakładan\w*|цільов\w*|мета|план\w*|cílov\w* skupin\w*|cíl\w*|"
    r"target\w*|aims?|objectives?|planned|plánovan\w*|plánované|planuojam\w*|tiksl\w*|"
    r"tervezett|célj\w*|geplant\w*|ziele?|очікуван\w*|expected"
)
FUTURE_CUES = (
    r"będzie|będą|skorzystają|skorzysta|zaplanowan\w*|planuje\w*|planowan\w*|zostan\w*|"
    r"zostanie|weźmie|wezmą|ukończą|ukończy|ma\s+\w+ć|"
    r"буде|будуть|планує\w*|заплановано|передбачен\w*|візьмуть|"
    r"bude|budou|plánuj\w*|plánovan\w*|will|shall|planned|expected|"
    r"co najmniej|dla\s+co najmniej|"
    r"budú|plánuje|bus|bus surengt\w*|planuoja\w*|numato\w*|fog|fognak|tervez\w*|"
    r"werden|wird|soll|sollen|geplant|передбачає|"
    # the project's aim: `Projekto tikslas – apmokyti`, `Ziel des Projekts ist`, `célja`
    r"tikslas|tikslai|tikslą|ziel|ziele|célja|célul|aims?|goal|objective|метою|мета|"
    r"celem|cílem|cieľom|planujemy|planujeme|plánujeme|плануємо"
)
PAST_CUES = (
    r"wzię\w*|wzięło|uczestniczy\w*ło|przybył\w*|ukończył\w*|zrealizowan\w*|odbył\w*|"
    r"podpisan\w*|przeszkolon\w*|взяли|взяла|взяв|відвідал\w*|пройшл\w*|отримал\w*|"
    r"підписан\w*|зúčastnil\w*|zúčastnil\w*|proběhl\w*|took part|participated|attended|"
    r"were|was|trained|signed|reached|"
    # reports of what happened, by language: past forms and impersonals of the verbs news
    # items use (took part, was held, organised, built, trained, signed, came about)
    r"uczestniczył\w*|skorzystał\w*|zorganizowan\w*|zorganizował\w*|zorganizowano|"
    # cs/sk past auxiliaries and l-forms, uk past plurals, hu past, de participles
    r"bylo|byly|byli|bolo|boli|umožnil\w*|pomohl\w*|vyškolil\w*|proškolil\w*|proškolen\w*|"
    r"навчили|організували|залучили|підготували|створили|відвідали|провели|"
    r"képeztek|képzett|szerveztek|rendeztek|készült|készítettek|valósult\w*|"
    r"geschult|durchgeführt|organisiert|besucht|erreicht|"
    r"przeszkolono|podpisano|wybudowano|powstał\w*|odbyło|odbyły|gościliśmy|"
    r"взял\w*|проведено|провели|навчено|відреставровано|висадил\w*|створено|відбул\w*|"
    r"підписал\w*|зúčastnil\w*|uspořádán\w*|uspořádal\w*|vznikl\w*|zapojil\w*|"
    r"uskutečnil\w*|zúčastnil\w*|vystúpil\w*|uskutočnil\w*|vybudovan\w*|vyškolen\w*|"
    r"dalyvavo|surengt\w*|įrengt\w*|apmokyt\w*|įsteigt\w*|pasirašyt\w*|"
    r"vett részt|vettek részt|tartottunk|tartottak|megépült|felújítottak|"
    r"nahmen|teilnahmen|kamen|beteiligten|fanden|stattfand|ausgeschildert|"
    r"brought together|took place|were held|was held|"
    r"podepsal\w*|podpísal\w*|podpisał\w*|pasirašė|aláírt\w*|unterzeichnet\w*|"
    r"\w+(?:ottunk|ettünk|öttünk|ottak|ettek|öttek)|vendégesked\w+"
)
