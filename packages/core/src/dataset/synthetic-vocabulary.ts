/**
 * Word lists and sentence templates of the synthetic Russian reviews. Adjectives carry their masculine,
 * feminine and plural forms so that every generated sentence agrees in gender and number.
 */
export type Gender = 'm' | 'f' | 'pl';

export interface Aspect {
  /** Nominative: «сюжет». */
  nom: string;
  /** Accusative: «игру актёров». */
  acc: string;
  gender: Gender;
}

export type Adjective = Record<Gender, string>;

const adjective = (m: string, f: string, pl: string): Adjective => ({ m, f, pl });

export const ASPECTS: Aspect[] = [
  { nom: 'сюжет', acc: 'сюжет', gender: 'm' },
  { nom: 'сценарий', acc: 'сценарий', gender: 'm' },
  { nom: 'финал', acc: 'финал', gender: 'm' },
  { nom: 'саундтрек', acc: 'саундтрек', gender: 'm' },
  { nom: 'монтаж', acc: 'монтаж', gender: 'm' },
  { nom: 'юмор', acc: 'юмор', gender: 'm' },
  { nom: 'главный злодей', acc: 'главного злодея', gender: 'm' },
  { nom: 'игра актёров', acc: 'игру актёров', gender: 'f' },
  { nom: 'музыка', acc: 'музыку', gender: 'f' },
  { nom: 'режиссура', acc: 'режиссуру', gender: 'f' },
  { nom: 'атмосфера', acc: 'атмосферу', gender: 'f' },
  { nom: 'операторская работа', acc: 'операторскую работу', gender: 'f' },
  { nom: 'концовка', acc: 'концовку', gender: 'f' },
  { nom: 'главная героиня', acc: 'главную героиню', gender: 'f' },
  { nom: 'картинка', acc: 'картинку', gender: 'f' },
  { nom: 'спецэффекты', acc: 'спецэффекты', gender: 'pl' },
  { nom: 'диалоги', acc: 'диалоги', gender: 'pl' },
  { nom: 'персонажи', acc: 'персонажей', gender: 'pl' },
  { nom: 'декорации', acc: 'декорации', gender: 'pl' },
  { nom: 'костюмы', acc: 'костюмы', gender: 'pl' },
];

export const POSITIVE_ADJECTIVES: Adjective[] = [
  adjective('отличный', 'отличная', 'отличные'),
  adjective('захватывающий', 'захватывающая', 'захватывающие'),
  adjective('продуманный', 'продуманная', 'продуманные'),
  adjective('великолепный', 'великолепная', 'великолепные'),
  adjective('живой', 'живая', 'живые'),
  adjective('яркий', 'яркая', 'яркие'),
  adjective('убедительный', 'убедительная', 'убедительные'),
  adjective('сильный', 'сильная', 'сильные'),
  adjective('красивый', 'красивая', 'красивые'),
  adjective('оригинальный', 'оригинальная', 'оригинальные'),
];

export const NEGATIVE_ADJECTIVES: Adjective[] = [
  adjective('скучный', 'скучная', 'скучные'),
  adjective('слабый', 'слабая', 'слабые'),
  adjective('предсказуемый', 'предсказуемая', 'предсказуемые'),
  adjective('затянутый', 'затянутая', 'затянутые'),
  adjective('фальшивый', 'фальшивая', 'фальшивые'),
  adjective('невнятный', 'невнятная', 'невнятные'),
  adjective('картонный', 'картонная', 'картонные'),
  adjective('примитивный', 'примитивная', 'примитивные'),
  adjective('нелепый', 'нелепая', 'нелепые'),
  adjective('провальный', 'провальная', 'провальные'),
];

export const NEUTRAL_ADJECTIVES: Adjective[] = [
  adjective('обычный', 'обычная', 'обычные'),
  adjective('средний', 'средняя', 'средние'),
  adjective('ровный', 'ровная', 'ровные'),
  adjective('стандартный', 'стандартная', 'стандартные'),
  adjective('терпимый', 'терпимая', 'терпимые'),
  adjective('ожидаемый', 'ожидаемая', 'ожидаемые'),
];

export const INTENSIFIERS = ['', '', 'очень ', 'по-настоящему ', 'невероятно ', 'действительно ', 'на удивление ', 'откровенно '];

/** «{aspect} вовсе не {adjective}» needs a verb in some templates: singular and plural forms. */
export const SAVES: Record<Gender, string> = { m: 'спасает', f: 'спасает', pl: 'спасают' };
export const DISAPPOINTED: Record<Gender, string> = { m: 'разочаровал', f: 'разочаровала', pl: 'разочаровали' };
export const PLEASED: Record<Gender, string> = { m: 'порадовал', f: 'порадовала', pl: 'порадовали' };

export const MOVIE_ADJECTIVES: Adjective[] = [
  adjective('Тихий', 'Тихая', 'Тихие'),
  adjective('Последний', 'Последняя', 'Последние'),
  adjective('Северный', 'Северная', 'Северные'),
  adjective('Тёмный', 'Тёмная', 'Тёмные'),
  adjective('Холодный', 'Холодная', 'Холодные'),
  adjective('Долгий', 'Долгая', 'Долгие'),
  adjective('Чужой', 'Чужая', 'Чужие'),
  adjective('Белый', 'Белая', 'Белые'),
  adjective('Забытый', 'Забытая', 'Забытые'),
  adjective('Седьмой', 'Седьмая', 'Седьмые'),
  adjective('Железный', 'Железная', 'Железные'),
  adjective('Ночной', 'Ночная', 'Ночные'),
];

export const MOVIE_NOUNS: { word: string; gender: Gender }[] = [
  { word: 'берег', gender: 'm' },
  { word: 'рейс', gender: 'm' },
  { word: 'свидетель', gender: 'm' },
  { word: 'шторм', gender: 'm' },
  { word: 'маяк', gender: 'm' },
  { word: 'охотник', gender: 'm' },
  { word: 'сезон', gender: 'm' },
  { word: 'станция', gender: 'f' },
  { word: 'гавань', gender: 'f' },
  { word: 'граница', gender: 'f' },
  { word: 'река', gender: 'f' },
  { word: 'комната', gender: 'f' },
  { word: 'звёзды', gender: 'pl' },
  { word: 'горы', gender: 'pl' },
  { word: 'письма', gender: 'pl' },
  { word: 'крылья', gender: 'pl' },
];

export const GENRES = ['триллеры', 'драмы', 'комедии', 'фантастику', 'детективы', 'мелодрамы', 'военное кино', 'фильмы ужасов'];

export const WHEN = ['вчера в кинотеатре', 'на выходных', 'по совету друга', 'вместе с женой', 'в самолёте', 'на премьере', 'дома на большом экране', 'второй раз'];

export const AUTHORS = ['Киноман', 'Анна', 'Сергей', 'kino_fan', 'Мария', 'Дмитрий', 'cinephile', 'Ольга', 'Алексей', 'Зритель', 'Екатерина', 'movie_buff'];

export const OPENERS = [
  'Посмотрел «{movie}» {when}.',
  'Посмотрела «{movie}» {when}.',
  'Долго откладывал просмотр этого фильма.',
  'От этого режиссёра я ждал многого.',
  'На «{movie}» я попал почти случайно.',
  'Трейлер обещал многое.',
  'Фильм «{movie}» вышел в {year} году и сразу наделал шума.',
  'Про этот фильм много говорили, и я решил составить собственное мнение.',
];

export const POSITIVE_SENTENCES = [
  '{Aspect} {intens}{pos}.',
  'Особенно хочется отметить {aspectAcc}.',
  'Отдельное спасибо за {aspectAcc}.',
  'Фильм смотрится на одном дыхании.',
  'Давно я не получал такого удовольствия от кино.',
  'После просмотра остаётся приятное послевкусие.',
  'Ни минуты не было скучно.',
  '{Aspect} вовсе не {neg}, как писали некоторые критики.',
  'Больше всего {pleased} {aspect}.',
  'Не могу сказать, что фильм затянут: два часа пролетели незаметно.',
  'Хочется пересматривать снова и снова.',
];

export const NEGATIVE_SENTENCES = [
  '{Aspect} {intens}{neg}.',
  'Зря потраченное время.',
  'Досмотрел только из упрямства.',
  'Даже {aspect} не {saves} положение.',
  'Такое ощущение, что сценаристы совсем не старались.',
  'Не могу сказать, что {aspect} {pos}.',
  '{Aspect} совсем не {pos}.',
  'Больше всего {disappointed} {aspect}.',
  'Фильм мне не понравился, и дело не только в сюжете.',
  'Ничего нового авторы так и не предложили.',
  'Дважды ловил себя на том, что смотрю в телефон.',
];

export const NEUTRAL_SENTENCES = [
  '{Aspect} {neutral}.',
  'Фильм на один раз.',
  'Ничего выдающегося, но и провалом не назовёшь.',
  'Что-то получилось, что-то нет.',
  'Посмотреть можно, но пересматривать не буду.',
  '{Aspect} {neutral}, без сюрпризов.',
  'Впечатления остались смешанные.',
];

/** {pos2} and {neg2} agree with {aspect2}. */
export const MIXED_SENTENCES = ['{Aspect} {pos}, но {aspect2} {neg2}.', 'Хотя {aspect} {neg}, {aspect2} {pos2}.', '{Aspect} {pos}, а вот {aspect2}, увы, {neg2}.'];

export const CLOSERS: Record<'positive' | 'negative' | 'neutral', string[]> = {
  positive: ['Однозначно рекомендую.', 'Смотреть обязательно.', 'Один из лучших фильмов года.', 'Рекомендую всем, кто любит {genre}.', 'Обязательно пересмотрю.'],
  negative: ['Не советую тратить время.', 'Разочарование года.', 'Лучше пересмотрите что-нибудь другое.', 'Не рекомендую никому.', 'Жаль потраченного вечера.'],
  neutral: ['Решайте сами.', 'На любителя.', 'Для вечера сойдёт.', 'Если любите {genre}, можно глянуть.', 'Ждал большего, но и не жалею.'],
};

export const TITLES: Record<'positive' | 'negative' | 'neutral', string[]> = {
  positive: ['Шедевр', 'Лучшее, что я видел в этом году', 'Приятный сюрприз', 'Браво!', 'Сильное кино', 'Кино, ради которого стоит жить'],
  negative: ['Разочарование', 'Зря потраченное время', 'Провал', 'Не верю!', 'Скука смертная', 'Мимо'],
  neutral: ['Ни рыба ни мясо', 'На один раз', 'Неоднозначно', 'Средне', 'Смешанные чувства', 'Могло быть лучше'],
};

/** How a review states its own score; {n} is the grade from 1 to 10. */
export const SCORE_PHRASES = ['{n} из 10', 'Оценка: {n}/10', '{n}/10', 'Моя оценка — {n} из 10.', 'Итог: {n} из 10', '{n} из 10!'];
