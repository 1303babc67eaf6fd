// Words too common to say anything about a comment, for the 21 languages cxkit's prompts speak: articles, pronouns,
// auxiliaries, conjunctions, prepositions and fillers. Kept short on purpose: a word that carries a judgement
// ("not", "never", "slow") stays, because it is what sets a detractor's comment apart.
const lists: Record<string, string> = {
  en: `a an the and or but if then so than that this these those it its it's i i'm im me my we our you your he she they them
    their is are was were be been being am do does did have has had will would can could should shall may might must
    to of in on at by for from with about as into over after before up down out off again also just very really too
    there here what which who whom when where how all any some each other such only own same s t it’s i’m`,
  de: `der die das den dem des ein eine einer eines einem einen und oder aber wenn dann so als dass ich mich mir mein
    meine wir uns unser du dein sie ihr ihre er es ist sind war waren sein bin bist hat habe hatte haben wird werden
    wurde kann könnte soll muss zu von in im auf an am bei für mit über aus nach vor um auch nur sehr noch schon
    da hier was wer wie wo man sich mal ja`,
  fr: `le la les l un une des du de d et ou mais si alors que qu qui quoi ce cet cette ces je j me m moi mon ma mes nous
    notre nos vous votre vos il elle ils elles on est sont était été être suis ai as a avons avez ont avait fait
    faire peut pu à au aux en dans sur par pour avec sans sous chez plus très aussi tout tous bien y c ça cela`,
  es: `el la los las lo un una unos unas y o pero si entonces que quien como cuando donde este esta estos estas eso
    esto yo me mi mis nosotros nuestro nuestra tu tus usted su sus él ella ellos es son era fue ser estar está están
    estaba he ha han había hay a al de del en con por para sin sobre muy más también todo todos bien se le les ya`,
  it: `il lo la i gli le un uno una e o ma se allora che chi come quando dove questo questa questi quello io mi me mio
    mia miei noi nostro voi vostro lui lei loro è sono era erano essere ho hai ha abbiamo hanno aveva fatto a al allo
    alla ai agli alle di del dello della dei degli delle da dal in nel nella con per su sul tra fra molto più anche
    tutto tutti bene si ci c l`,
  pt: `o a os as um uma uns umas e ou mas se então que quem como quando onde este esta estes estas isso isto eu me meu
    minha meus nós nosso nossa você vocês seu sua ele ela eles elas é são era foi ser estar está estão estava tem têm
    tinha há ao aos à às de do da dos das em no na nos nas com por para sem sobre muito mais também tudo todos bem já`,
  nl: `de het een en of maar als dan dat dit deze die ik me mij mijn wij we ons onze jij je jouw u uw hij zij ze het is
    zijn was waren ben bent heb hebt heeft had hebben wordt werd worden kan kon zal moet te van in op aan bij voor met
    over uit naar om ook al nog heel erg zeer er hier wat wie hoe waar er nu wel`,
  ja: `の に は を た が で て と し れ さ ある いる も する から な こと として い や など なっ この ため その あっ
    よう また もの という あり まで られ なる へ か だ これ によって により おり より による なり られる において ば
    しかし について せ だっ その後 できる それ う ので なお のみ でき き つ における および いう さらに でも
    ら たり その他 に関する たち ます ん なら です でした ました とても`,
  zh: `的 了 和 是 在 我 有 也 就 人 都 一 一个 上 很 到 说 要 去 你 会 着 看 自己 这 那 他 她 它 们 我们
    你们 他们 吗 吧 呢 啊 还 又 把 被 让 给 对 从 而 与 及 或 但 如果 因为 所以 这个 那个 非常`,
  ko: `이 그 저 것 수 등 들 및 에 의 가 을 를 은 는 과 와 도 로 으로 에서 에게 한 하다 하고 했다 합니다 했습니다 있다
    있습니다 되다 됩니다 그리고 그러나 하지만 또한 너무 정말 매우 좀 더 저는 제가 우리 당신`,
  ar: `في من على إلى عن مع هذا هذه ذلك تلك التي الذي الذين هو هي هم نحن أنا أنت كان كانت يكون تم قد لقد و أو ثم
    لكن إذا إن أن ما كل بعض جدا أيضا عند بين كما حتى هناك هنا`,
  he: `של את על עם אל מן מ ב ל ה ו זה זו זאת אלה הוא היא הם הן אני אתה את אנחנו היה היתה היו יהיה כי אם או גם רק
    כל מאוד יותר כמו אבל יש כבר עוד פה שם מה מי איך`,
  pl: `i w we z ze na do że się to jest są był była było były być jak ale lub albo czy o od po przez dla za przy ja
    mi mnie mój moja moje my nas nam nasz nasza ty ci cię twój wy on ona ono oni one go mu jej ich jego ten ta te tego
    tej tych tym który która które co gdy kiedy gdzie tak też tylko bardzo już jeszcze by bo a u`,
  sv: `och att det som en ett i på är av för med till den de har hade var vara jag mig min mitt mina vi oss vår våra
    ni du din ditt han hon hen dem deras om men eller så då när där här vad vem hur också bara mycket redan ju sig`,
  da: `og at det som en et i på er af for med til den de har havde var være jeg mig min mit mine vi os vores du din
    dit han hun dem deres om men eller så da når der her hvad hvem hvordan også bare meget allerede jo sig`,
  tr: `ve ile bir bu şu o da de mi mı mu mü için gibi ama fakat veya ya ben beni bana benim biz bizi bize bizim sen
    seni sana senin siz sizi size sizin onlar onun onu ona olan oldu olarak var çok daha en her kadar sonra önce
    ki diye şey`,
  ru: `и в во на с со к ко по о об от до из за для у же ли бы что это как так но а или если то я меня мне мой моя
    моё мои мы нас нам наш наша вы вас вам ваш ваша он она оно они его её их ему ей им был была было были быть есть
    все всё очень уже ещё тоже только там тут здесь кто где когда который которая которые`,
  fi: `ja tai mutta jos kun että se ne tämä tuo nämä nuo minä minua minun me meidän sinä sinun te teidän hän hänen he
    heidän on oli olen olet ovat olivat ollut olla olisi myös vain hyvin jo niin kuin mitä mikä kuka missä miten sitä
    siitä sen sekä`,
  nb: `og at det som en et ei i på er av for med til den de har hadde var være jeg meg min mitt mine vi oss vår våre
    du din ditt han hun dem deres om men eller så da når der her hva hvem hvordan også bare veldig allerede jo seg`,
  cs: `a i v ve na s se z ze k ke o od do pro za po u je jsou byl byla bylo byli být jak ale nebo že to ten ta ty toho
    tom tu já mě mi můj moje my nás náš tvůj vy vás váš on ona ono oni jeho její jejich který která které co když kde
    tak také jen velmi už ještě by`,
  uk: `і й та в у на з зі до по про від за для же чи б би що це як так але а або якщо то я мене мені мій моя моє мої
    ми нас нам наш наша ви вас вам ваш ваша він вона воно вони його її їх йому їй їм був була було були бути є все всі
    дуже вже ще також тільки там тут де коли який яка які`,
};

const sets = new Map(Object.entries(lists).map(([language, words]) => [language, new Set(words.split(/\s+/).filter(Boolean))]));

/** The stop words of a language (its primary subtag: `de` for `de-AT`); none for a language cxkit does not speak. */
export function stopWords(language: string): ReadonlySet<string> {
  return sets.get(language) ?? new Set();
}
