// The published list of opt-out phrasings Lavka must recognise in each customer language (the README points here),
// and unclear ones that must go to the owner instead. The figures test counts how many are recognised.
export const OPT_OUT_PHRASINGS: Record<string, string[]> = {
  en: ['STOP', 'stop please', 'Stop!!', 'unsubscribe', 'Unsubscribe me', 'opt out', 'please stop messaging me', 'Stop sending me messages', 'no more messages', 'remove me from your list', "don't message me"],
  ru: ['стоп', 'СТОП.', 'отписаться', 'отпишите меня', 'не пишите мне больше', 'Больше не пишите мне, пожалуйста', 'не присылайте мне', 'удалите меня из рассылки', 'хватит'],
  uk: ['стоп', 'відписатися', 'відпишіть мене', 'не пишіть мені більше', 'більше не пишіть', 'не турбуйте мене', 'видаліть мене з розсилки'],
  vi: ['hủy', 'Hủy đăng ký', 'dừng', 'dừng lại ạ', 'đừng nhắn tin nữa', 'ngừng gửi', 'xóa tôi khỏi danh sách'],
  de: ['STOPP', 'abmelden', 'Bitte abmelden', 'keine Nachrichten mehr', 'schreiben Sie mir nicht mehr', 'austragen bitte'],
  es: ['pare', 'para', 'basta', 'baja', 'darme de baja', 'cancelar suscripción', 'no me escriban más', 'dejen de escribirme por favor', 'no quiero más mensajes'],
  pt: ['pare', 'parar', 'sair', 'descadastrar', 'me tire da lista', 'não quero mais mensagens', 'parem de me mandar mensagens'],
  id: ['berhenti', 'stop', 'berhenti berlangganan', 'jangan kirim pesan lagi', 'tolong jangan kirim lagi', 'hapus saya dari daftar'],
  hi: ['बंद करो', 'रोको', 'मैसेज मत भेजो', 'कृपया मैसेज मत भेजिए', 'अनसब्सक्राइब', 'band karo'],
  tr: ['dur', 'durdur', 'abonelikten çık', 'mesaj atmayın', 'lütfen bana mesaj atmayın', 'beni listeden çıkarın'],
  fr: ['stop', 'arrêtez', 'désabonner', 'désabonnez-moi', 'ne m’écrivez plus', 'plus de messages svp', 'retirez-moi de la liste'],
  ar: ['توقف', 'إيقاف', 'إلغاء الاشتراك', 'لا ترسلوا لي رسائل', 'من فضلك لا تراسلني', 'احذفوني'],
};

export const UNCLEAR_OPT_OUTS = ['stop sending me so much', 'too many messages, stop', 'не пишите мне так часто', 'Bitte nicht so oft Nachrichten, zu viele', 'demasiados mensajes, basta ya de tantos'];

export const NOT_OPT_OUTS = ["don't stop baking", 'Please stop by tomorrow', 'стоп, а хлеб ещё есть?', 'Stopover in Berlin', 'hủy đơn hàng #12 giúp mình', 'para mañana dos barras', 'Thanks so much! Stop by tomorrow?'];
