import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthUser } from '@app/identity';
import { KnowledgeService } from '@app/knowledge';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import {
  ArticleResponse,
  ArticleSummaryResponse,
  CreateParkDto,
  IngestArticleDto,
  IngestResponse,
  ParkDetailResponse,
  ParkResponse,
  PolicyQueryDto,
  PolicyResponse,
  UpdateParkDto,
  UpdatePolicyDto,
} from './dto.js';

@ApiTags('knowledge')
@Controller('articles')
export class ArticlesController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Post()
  @Roles('manager')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ingest an article (text or HTML): parks, industries, policies and statistics out; same URL or text updates' })
  @ApiCreatedResponse({ type: IngestResponse })
  async ingest(@Body() dto: IngestArticleDto): Promise<IngestResponse> {
    return IngestResponse.of(
      await this.knowledge.ingestArticle({
        title: dto.title,
        body: dto.body,
        sourceUrl: dto.sourceUrl ?? null,
        publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : null,
      }),
    );
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Articles, newest first (public)' })
  @ApiOkResponse({ type: [ArticleSummaryResponse] })
  async list(): Promise<ArticleSummaryResponse[]> {
    return (await this.knowledge.listArticles()).map(ArticleSummaryResponse.of);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'An article with its parks and its reviewed policies (public, for article pages)' })
  @ApiOkResponse({ type: ArticleResponse })
  async get(@Param('id', ParseIdPipe) id: string): Promise<ArticleResponse> {
    const { article, parks, policies } = await this.knowledge.getPublicArticle(id);
    return ArticleResponse.detail(article, parks, policies);
  }
}

@ApiTags('knowledge')
@Controller('parks')
export class ParksController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  @ApiOperation({ summary: 'Parks with their industries' })
  @ApiOkResponse({ type: [ParkResponse] })
  async list(): Promise<ParkResponse[]> {
    return (await this.knowledge.listParks()).map(ParkResponse.of);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A park: industries, policies (not rejected) and the articles that name it' })
  @ApiOkResponse({ type: ParkDetailResponse })
  async get(@Param('id', ParseIdPipe) id: string): Promise<ParkDetailResponse> {
    const { park, policies, articles } = await this.knowledge.getPark(id);
    return ParkDetailResponse.detail(park, policies, articles);
  }

  @Post()
  @Roles('manager')
  @ApiOperation({ summary: 'Create a park (409 when the name or an alias of it exists)' })
  @ApiCreatedResponse({ type: ParkResponse })
  async create(@Body() dto: CreateParkDto): Promise<ParkResponse> {
    return ParkResponse.of(await this.knowledge.createPark(dto));
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Change a park (name, aliases, level, region, thresholds; industries are added)' })
  @ApiOkResponse({ type: ParkResponse })
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateParkDto): Promise<ParkResponse> {
    return ParkResponse.of(await this.knowledge.updatePark(id, dto));
  }
}

@ApiTags('knowledge')
@Controller('policies')
export class PoliciesController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get()
  @ApiOperation({ summary: 'Policies filtered by park, kind and status' })
  @ApiOkResponse({ type: [PolicyResponse] })
  async list(@Query() q: PolicyQueryDto): Promise<PolicyResponse[]> {
    return (await this.knowledge.listPolicies(q)).map(PolicyResponse.of);
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Correct an extracted policy and mark it reviewed or rejected' })
  @ApiOkResponse({ type: PolicyResponse })
  async update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdatePolicyDto, @CurrentUser() user: AuthUser): Promise<PolicyResponse> {
    return PolicyResponse.of(await this.knowledge.updatePolicy(id, dto, user?.id ?? null));
  }
}
